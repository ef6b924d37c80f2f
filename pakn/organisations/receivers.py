"""Public pages list the units, sectors and areas (filters, directory): a change to one of
them expires the public cache, so the cached lists follow (admin, delegated administration,
commands: every path goes through save or delete)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pakn.core.public_cache import public_cache_bump
from pakn.core.request_memo import request_memo_forget
from pakn.organisations.models import AdministrativeArea, Category, Membership, Unit


@receiver(post_save, sender=Unit)
@receiver(post_delete, sender=Unit)
@receiver(post_save, sender=Category)
@receiver(post_delete, sender=Category)
@receiver(post_save, sender=AdministrativeArea)
@receiver(post_delete, sender=AdministrativeArea)
def organisation_lists_changed(**kwargs) -> None:
    public_cache_bump()


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
@receiver(post_save, sender=Unit)
@receiver(post_delete, sender=Unit)
def memberships_changed(**kwargs) -> None:
    """What the request read of anyone's roles is read again after a change."""
    request_memo_forget()
