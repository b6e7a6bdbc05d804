# Hand-written twin of the generated R pipeline, for benchmarks/pipeline.py.
#
# What an R user would write for the synthetic dataset in one script: read
# the CSV once with typed columns, clean it, split, cross-validate and fit
# the same caret model on the same design (0/1 columns for the categories,
# caret's median imputation, centring and scaling), then write the same
# outputs: the model, metrics.json and predictions for every input row.
#
#   Rscript caret_twin.R DATA OUT ALGORITHM TREES FOLDS TEST_SIZE SEED

args <- commandArgs(trailingOnly = TRUE)
data_path <- args[[1]]
out <- args[[2]]
algorithm <- args[[3]]
n_trees <- as.integer(args[[4]])
cv_folds <- as.integer(args[[5]])
test_size <- as.numeric(args[[6]])
seed <- as.integer(args[[7]])

numeric_features <- c("age", "income", "balance", "tenure", "score")
categorical_features <- c("region", "plan")
target <- "label"

raw <- readr::read_csv(
  data_path,
  col_types = readr::cols(
    region = "c", plan = "c", label = "c", .default = "d"
  ),
  progress = FALSE
)
data <- raw[rowSums(!is.na(raw)) > 0, ]
data <- dplyr::distinct(data)
data <- data[!is.na(data[[target]]), ]

set.seed(seed)
in_train <- caret::createDataPartition(
  factor(data[[target]]), p = 1 - test_size, list = FALSE
)
train <- data[in_train, ]
test <- data[-in_train, ]

# Categories: the training split's levels and modes; a 0/1 column per level
# but the first.
levels_of <- lapply(categorical_features, function(column) {
  sort(unique(stats::na.omit(train[[column]])), method = "radix")
})
names(levels_of) <- categorical_features
modes <- vapply(categorical_features, function(column) {
  names(which.max(table(train[[column]])))
}, character(1))
design <- function(rows) {
  x <- as.data.frame(rows[numeric_features])
  for (column in categorical_features) {
    values <- rows[[column]]
    values[is.na(values)] <- modes[[column]]
    for (level in levels_of[[column]][-1]) {
      x[[paste(column, level, sep = "_")]] <- as.numeric(values == level)
    }
  }
  names(x) <- make.names(names(x), unique = TRUE)
  x
}

control <- caret::trainControl(method = "cv", number = cv_folds)
steps <- c("medianImpute", "center", "scale")
set.seed(seed)
y <- factor(train[[target]])
fit <- switch(algorithm,
  random_forest = caret::train(
    design(train), y,
    method = "rf", preProcess = steps, trControl = control, ntree = n_trees
  ),
  decision_tree = caret::train(
    design(train), y,
    method = "rpart", preProcess = steps, trControl = control
  ),
  logistic_regression = caret::train(
    design(train), y,
    method = "multinom", preProcess = steps, trControl = control,
    trace = FALSE
  )
)

predicted <- as.character(stats::predict(fit, newdata = design(test)))
actual <- test[[target]]
labels <- sort(unique(c(actual, predicted)), method = "radix")
confusion <- unclass(table(
  factor(actual, levels = labels), factor(predicted, levels = labels)
))
f1 <- 2 * diag(confusion) / (rowSums(confusion) + colSums(confusion))
f1[is.nan(f1)] <- 0
metrics <- list(
  flavour = "r-twin", task = "classification", algorithm = algorithm,
  n_test = nrow(test), accuracy = mean(actual == predicted),
  f1_macro = mean(f1),
  confusion_matrix = list(labels = I(labels), matrix = matrix(
    as.integer(confusion), nrow = length(labels)
  ))
)

dir.create(out, recursive = TRUE, showWarnings = FALSE)
saveRDS(fit, file.path(out, "model.rds"))
jsonlite::write_json(
  metrics, file.path(out, "metrics.json"),
  auto_unbox = TRUE, digits = NA, pretty = TRUE
)
raw$prediction <- as.character(stats::predict(fit, newdata = design(raw)))
readr::write_csv(raw, file.path(out, "predictions.csv"), na = "")
message("test accuracy ", format(metrics$accuracy, digits = 4))
