"""Hand-written twin of the generated Python pipeline, for benchmarks/pipeline.py.

What a data scientist would write for the synthetic dataset in one script:
read the CSV once, clean it, split, cross-validate and fit the same
scikit-learn pipeline, then write the same outputs (model, metrics.json,
predictions for every input row). No intermediate CSV, one process.
"""

import argparse
import json
from pathlib import Path

import joblib
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.tree import DecisionTreeClassifier

NUMERIC = ["age", "income", "balance", "tenure", "score"]
CATEGORICAL = ["region", "plan"]
TARGET = "label"


def model(algorithm: str, trees: int, seed: int):
    if algorithm == "random_forest":
        return RandomForestClassifier(n_estimators=trees, random_state=seed, n_jobs=-1)
    if algorithm == "decision_tree":
        return DecisionTreeClassifier(random_state=seed)
    return LogisticRegression(max_iter=1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--algorithm", default="random_forest")
    parser.add_argument("--trees", type=int, default=100)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--test-size", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    raw = pd.read_csv(args.data, dtype={c: str for c in CATEGORICAL + [TARGET]})
    data = raw.dropna(how="all").drop_duplicates().dropna(subset=[TARGET])
    x_train, x_test, y_train, y_test = train_test_split(
        data[NUMERIC + CATEGORICAL],
        data[TARGET],
        test_size=args.test_size,
        random_state=args.seed,
        stratify=data[TARGET],
    )

    prepare = ColumnTransformer(
        [
            (
                "numeric",
                Pipeline(
                    [
                        ("impute", SimpleImputer(strategy="median")),
                        ("scale", StandardScaler()),
                    ]
                ),
                NUMERIC,
            ),
            (
                "categorical",
                Pipeline(
                    [
                        ("impute", SimpleImputer(strategy="most_frequent")),
                        ("encode", OneHotEncoder(handle_unknown="ignore")),
                    ]
                ),
                CATEGORICAL,
            ),
        ]
    )
    pipeline = Pipeline(
        [
            ("prepare", prepare),
            ("model", model(args.algorithm, args.trees, args.seed)),
        ]
    )
    folds = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=args.seed)
    scores = cross_val_score(pipeline, x_train, y_train, cv=folds, scoring="accuracy")
    pipeline.fit(x_train, y_train)

    predicted = pipeline.predict(x_test)
    labels = sorted(set(y_test) | set(predicted))
    metrics = {
        "flavour": "python-twin",
        "task": "classification",
        "algorithm": args.algorithm,
        "n_test": len(y_test),
        "accuracy": float(accuracy_score(y_test, predicted)),
        "f1_macro": float(f1_score(y_test, predicted, average="macro")),
        "confusion_matrix": {
            "labels": labels,
            "matrix": confusion_matrix(y_test, predicted, labels=labels).tolist(),
        },
    }
    args.out.mkdir(parents=True, exist_ok=True)
    joblib.dump(pipeline, args.out / "model.joblib")
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    scored = raw.assign(prediction=pipeline.predict(raw[NUMERIC + CATEGORICAL]))
    scored.to_csv(args.out / "predictions.csv", index=False)
    print(f"CV accuracy {scores.mean():.4f}; test accuracy {metrics['accuracy']:.4f}")


if __name__ == "__main__":
    main()
