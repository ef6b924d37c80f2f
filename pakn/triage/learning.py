"""The classifier behind the suggestions, apart from the database: text in, ranked labels out.

Features: the report's title and content folded as every search in PAKN folds them
(``text_fold``: no marks, "đ" as "d", so "o ga" and "ổ gà" are one word), as TF-IDF of words
and word pairs plus character 2–4-grams within words (misspellings, run-together words), and
the commune as one token; at most 32,000 features (the commonest), so that a model stays a
few megabytes whatever the history. One linear model per target (kind, sector, unit) on
those features: ``SGDClassifier`` with the logistic loss, which gives probabilities for the
confidence shown.

Chosen on the demo history (newest 20 % held out): for the unit, logistic regression (lbfgs)
reached the same top-1 (0.97) in 8× the time, a linear SVM 0.99 without probabilities, naive
Bayes 0.88; words alone 0.98, characters alone 0.99, both 0.98 at alpha 1e-4 (alpha 1e-6
overfits, 0.92). Static embeddings (model2vec) were not tried: their weights come from a
model hub, which this deployment cannot reach."""

import dataclasses
import io

import joblib
import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.pipeline import FeatureUnion

from pakn.core.text import text_fold

TARGETS = ("kind", "category", "unit")
HELD_OUT_SHARE = 0.2
RANDOM_STATE = 2026


@dataclasses.dataclass(frozen=True)
class TriageSample:
    title: str
    content: str
    commune_id: int | None
    kind: str = ""
    category_id: int | None = None
    unit_id: int | None = None

    def label(self, target: str):
        return {"kind": self.kind, "category": self.category_id, "unit": self.unit_id}[target]


def triage_text(*, title: str, content: str, commune_id: int | None) -> str:
    commune = f" xa{commune_id}xa" if commune_id else ""
    return text_fold(f"{title}\n{title}\n{content}") + commune


class _Constant:
    """The "model" of a target seen with one label only (SGD needs two classes)."""

    def __init__(self, label):
        self.classes_ = np.array([label])

    def predict_proba(self, features):
        return np.ones((features.shape[0], 1))


class TriageClassifier:
    def __init__(self):
        self.features = FeatureUnion(
            [
                (
                    "words",
                    TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, max_features=20_000),
                ),
                (
                    "characters",
                    TfidfVectorizer(
                        analyzer="char_wb",
                        ngram_range=(2, 4),
                        min_df=2,
                        sublinear_tf=True,
                        max_features=12_000,
                    ),
                ),
            ]
        )
        self.models: dict[str, object] = {}

    def fit(self, samples: list["TriageSample"]) -> "TriageClassifier":
        texts = [triage_text(title=s.title, content=s.content, commune_id=s.commune_id)
                 for s in samples]  # fmt: skip
        matrix = self.features.fit_transform(texts)
        for target in TARGETS:
            rows = [i for i, s in enumerate(samples) if s.label(target) not in (None, "")]
            # As text: scikit-learn refuses integer labels in an object array.
            labels = np.array([str(samples[i].label(target)) for i in rows])
            if not rows:
                continue
            if len(set(labels.tolist())) == 1:
                self.models[target] = _Constant(str(labels[0]))
                continue
            model = SGDClassifier(loss="log_loss", alpha=1e-4, random_state=RANDOM_STATE)
            model.fit(matrix[rows], labels)
            # Half the size stored and loaded, the same ranking: the coefficients are dense
            # (classes × features), and 105 units × 32,000 features in float64 is 27 MB.
            model.coef_ = model.coef_.astype(np.float32)
            model.intercept_ = model.intercept_.astype(np.float32)
            self.models[target] = model
        return self

    def rank(self, texts: list[str], target: str, *, keep=None) -> list[list[tuple]]:
        """For each text, (label, probability) best first; ``keep`` drops labels it refuses
        (a unit closed since) and the others share the probability again."""
        return self._rank(self.features.transform(texts), target, keep=keep)

    def _rank(self, matrix, target: str, *, keep=None) -> list[list[tuple]]:
        model = self.models.get(target)
        if model is None:
            return [[] for _ in range(matrix.shape[0])]
        scores = model.predict_proba(matrix)
        labels = [_label(target, label) for label in model.classes_]
        ranked = []
        for row in scores:
            pairs = [(label, float(p)) for label, p in zip(labels, row, strict=True)
                     if keep is None or keep(label)]  # fmt: skip
            total = sum(p for _, p in pairs) or 1.0
            pairs.sort(key=lambda pair: -pair[1])
            ranked.append([(label, p / total) for label, p in pairs])
        return ranked

    def rank_one(self, *, title: str, content: str, commune_id, keep: dict) -> dict:
        """Every target's ranking for one report (``keep``: each target's filter), the text
        turned into features once."""
        text = triage_text(title=title, content=content, commune_id=commune_id)
        matrix = self.features.transform([text])
        return {target: self._rank(matrix, target, keep=keep.get(target))[0] for target in TARGETS}


def _label(target: str, label) -> str | int:
    return str(label) if target == "kind" else int(label)


@dataclasses.dataclass(frozen=True)
class HeldOutFigures:
    samples: int
    held_out: int
    kind_top1: float | None
    category_top1: float | None
    category_top3: float | None
    unit_top1: float | None
    unit_top3: float | None


def _hits(classifier: TriageClassifier, samples, target: str, k: int) -> float | None:
    labelled = [s for s in samples if s.label(target) not in (None, "")]
    if not labelled:
        return None
    texts = [triage_text(title=s.title, content=s.content, commune_id=s.commune_id)
             for s in labelled]  # fmt: skip
    ranked = classifier.rank(texts, target)
    hits = sum(
        s.label(target) in [label for label, _ in r[:k]]
        for s, r in zip(labelled, ranked, strict=True)
    )
    return hits / len(labelled)


def triage_held_out_figures(samples: list[TriageSample]) -> HeldOutFigures:
    """Trains on the older 80 % of ``samples`` (oldest first) and measures on the newest
    20 %: the model is always asked about reports newer than what it learnt from."""
    cut = max(1, int(len(samples) * (1 - HELD_OUT_SHARE)))
    train, test = samples[:cut], samples[cut:]
    if not test:
        return HeldOutFigures(len(samples), 0, None, None, None, None, None)
    classifier = TriageClassifier().fit(train)
    return HeldOutFigures(
        samples=len(samples),
        held_out=len(test),
        kind_top1=_hits(classifier, test, "kind", 1),
        category_top1=_hits(classifier, test, "category", 1),
        category_top3=_hits(classifier, test, "category", 3),
        unit_top1=_hits(classifier, test, "unit", 1),
        unit_top3=_hits(classifier, test, "unit", 3),
    )


def triage_classifier_dump(classifier: TriageClassifier) -> bytes:
    buffer = io.BytesIO()
    joblib.dump(classifier, buffer, compress=3)
    return buffer.getvalue()


def triage_classifier_load(payload: bytes) -> TriageClassifier:
    # Unpickling runs code named in the payload, so it is safe only for a trusted payload:
    # this one is read from TriageModel.payload, which only our own training task writes
    # (the field is not editable in the admin and no form or API accepts it).
    return joblib.load(io.BytesIO(bytes(payload)))  # noqa: S301


def library_version() -> str:
    return sklearn.__version__
