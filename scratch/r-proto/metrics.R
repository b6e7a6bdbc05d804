# The same keys and the same definitions as scikit-learn's metrics, so the
# flavours' metrics.json files compare.
classification_metrics <- function(actual, predicted) {
  labels <- sort(unique(c(actual, predicted)), method = "radix")
  counts <- table(
    factor(actual, levels = labels),
    factor(predicted, levels = labels)
  )
  matrix <- matrix(as.integer(counts), nrow = length(labels))
  hits <- diag(matrix)
  f1 <- 2 * hits / (rowSums(matrix) + colSums(matrix))
  f1[is.nan(f1)] <- 0
  list(
    accuracy = mean(actual == predicted),
    f1_macro = mean(f1),
    confusion_matrix = list(labels = I(labels), matrix = matrix)
  )
}

regression_metrics <- function(actual, predicted) {
  errors <- actual - predicted
  list(
    rmse = sqrt(mean(errors^2)),
    mae = mean(abs(errors)),
    r2 = 1 - sum(errors^2) / sum((actual - mean(actual))^2)
  )
}

write_metrics <- function(metrics, path) {
  dir.create(dirname(path), recursive = TRUE, showWarnings = FALSE)
  jsonlite::write_json(
    metrics, path,
    auto_unbox = TRUE, digits = NA, pretty = TRUE
  )
}
