import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from pakn.core.public_cache import public_cache_bump
from pakn.organisations.models import AdministrativeArea, AreaLevel

OFFICIAL_AREAS_FILE = Path(__file__).resolve().parent / "data" / "administrative_areas.json"


@dataclass(frozen=True)
class AreasLoadResult:
    provinces: int
    communes: int
    created: int
    updated: int
    deactivated: int
    source_version: str


@transaction.atomic
def areas_load_official(*, path: Path = OFFICIAL_AREAS_FILE) -> AreasLoadResult:
    """Creates or updates every area of the official list. Idempotent: a second run changes
    nothing. Areas no longer in the list are deactivated, not deleted (reports keep them)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    existing = {area.code: area for area in AdministrativeArea.objects.all()}
    seen: set[str] = set()
    created = updated = 0

    def upsert(code, name, division_type, codename, level, parent):
        nonlocal created, updated
        seen.add(code)
        area = existing.get(code)
        values = {
            "name": name,
            "division_type": division_type,
            "codename": codename,
            "level": level,
            "parent_id": parent.pk if parent else None,
            "is_active": True,
        }
        if area is None:
            area = AdministrativeArea(code=code, **values)
            area.save()
            existing[code] = area
            created += 1
        elif any(getattr(area, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(area, field, value)
            area.save()
            updated += 1
        return area

    # Provinces first (one row each), then communes in bulk per province.
    communes_total = 0
    new_communes: list[AdministrativeArea] = []
    for province_row in document["provinces"]:
        province = upsert(
            province_row["code"],
            province_row["name"],
            province_row["division_type"],
            province_row["codename"],
            AreaLevel.PROVINCE,
            None,
        )
        for code, name, division_type, codename in province_row["communes"]:
            communes_total += 1
            if code not in existing:
                seen.add(code)
                new_communes.append(
                    AdministrativeArea(
                        code=code,
                        name=name,
                        division_type=division_type,
                        codename=codename,
                        level=AreaLevel.COMMUNE,
                        parent=province,
                    )
                )
            else:
                upsert(code, name, division_type, codename, AreaLevel.COMMUNE, province)
    AdministrativeArea.objects.bulk_create(new_communes, batch_size=500)
    created += len(new_communes)
    deactivated = (
        AdministrativeArea.objects.filter(is_active=True)
        .exclude(code__in=seen)
        .update(is_active=False)
    )
    public_cache_bump()  # bulk writes send no signal: the cached lists of areas expire here
    return AreasLoadResult(
        provinces=len(document["provinces"]),
        communes=communes_total,
        created=created,
        updated=updated,
        deactivated=deactivated,
        source_version=f"{document['source']['package']} {document['source']['version']}",
    )
