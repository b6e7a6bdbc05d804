# Split with the seed and the test share (stratified by class), then let
# caret cross-validate on the training split. Imputation, centring and
# scaling are fitted inside each fold, never on the held-out rows.
split_rows <- function(data) {
  outcome <- data[[target]]
  if (task == "classification") outcome <- factor(outcome)
  # Numeric targets are split within quantile groups, so both parts
  # cover the whole range.
  set.seed(seed)
  in_train <- caret::createDataPartition(
    outcome,
    p = 1 - test_size, list = FALSE
  )
  list(train = data[in_train, ], test = data[-in_train, ])
}

number_columns <- function() {
  if (task == "regression") c(numeric_features, target) else numeric_features
}

select_rows <- function(data) {
  features <- c(numeric_features, categorical_features)
  if (missing_values == "drop") {
    data <- data[stats::complete.cases(data[features]), ]
  }
  data
}

fit_model <- function(x, y) {
  control <- caret::trainControl(method = "cv", number = cv_folds)
  steps <- c("medianImpute", "center", "scale")
  set.seed(seed)
  switch(algorithm,
    random_forest = caret::train(
      x, y,
      method = "rf", preProcess = steps, trControl = control,
      ntree = n_trees
    ),
    logistic_regression = if (nlevels(y) > 2L) {
      # glm fits two classes only; multinom fits any number.
      caret::train(
        x, y,
        method = "multinom", preProcess = steps, trControl = control,
        trace = FALSE
      )
    } else {
      caret::train(
        x, y,
        method = "glm", preProcess = steps, trControl = control
      )
    },
    gradient_boosting = caret::train(
      x, y,
      method = "gbm", preProcess = steps, trControl = control,
      verbose = FALSE,
      tuneGrid = expand.grid(
        n.trees = n_trees, interaction.depth = 1:3,
        shrinkage = 0.1, n.minobsinnode = 10
      )
    ),
    decision_tree = caret::train(
      x, y,
      method = "rpart", preProcess = steps, trControl = control
    ),
    linear_regression = caret::train(
      x, y,
      method = "lm", preProcess = steps, trControl = control
    ),
    stop("unknown algorithm: ", algorithm)
  )
}

train_model <- function(data) {
  encoder <- fit_encoder(data, numeric_features, categorical_features)
  y <- data[[target]]
  if (task == "classification") y <- factor(y)
  list(
    fit = fit_model(encode_features(data, encoder), y),
    encoder = encoder,
    task = task,
    algorithm = algorithm,
    target = target,
    features = c(numeric_features, categorical_features),
    column_names = column_names
  )
}

parse_options <- function() {
  parser <- optparse::OptionParser(
    description = "Split the prepared data and train the model.",
    option_list = list(
      optparse::make_option(
        "--input",
        default = "outputs/r/prepared.csv", metavar = "CSV",
        help = "prepared data [default: %default]"
      ),
      optparse::make_option(
        "--output-dir",
        dest = "output_dir", default = "outputs/r", metavar = "DIR",
        help = "where model.rds and test.csv go [default: %default]"
      )
    )
  )
  optparse::parse_args(parser)
}

main <- function() {
  opts <- parse_options()
  data <- parse_numbers(read_table(opts$input), number_columns())
  parts <- split_rows(select_rows(data))
  model <- train_model(parts$train)
  dir.create(opts$output_dir, recursive = TRUE, showWarnings = FALSE)
  saveRDS(model, file.path(opts$output_dir, "model.rds"))
  write_table(parts$test, file.path(opts$output_dir, "test.csv"))
  message(
    "Trained on ", nrow(parts$train), " rows, kept ", nrow(parts$test),
    " for the test; wrote ", opts$output_dir
  )
}

if (sys.nframe() == 0L) main()
