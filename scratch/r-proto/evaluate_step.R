evaluate_model <- function(model, test) {
  predicted <- predict_values(model, test)
  actual <- test[[model$target]]
  scores <- if (model$task == "classification") {
    classification_metrics(as.character(actual), predicted)
  } else {
    regression_metrics(as_number(actual), predicted)
  }
  c(
    list(
      flavour = "r",
      task = model$task,
      algorithm = model$algorithm,
      n_test = nrow(test)
    ),
    scores
  )
}

parse_options <- function() {
  parser <- optparse::OptionParser(
    description = "Score the model on the held-out rows.",
    option_list = list(
      optparse::make_option(
        "--model",
        default = "outputs/r/model.rds", metavar = "RDS",
        help = "trained model [default: %default]"
      ),
      optparse::make_option(
        "--test",
        default = "outputs/r/test.csv", metavar = "CSV",
        help = "held-out rows [default: %default]"
      ),
      optparse::make_option(
        "--output",
        default = "outputs/r/metrics.json", metavar = "JSON",
        help = "where the metrics go [default: %default]"
      )
    )
  )
  optparse::parse_args(parser)
}

main <- function() {
  opts <- parse_options()
  model <- readRDS(opts$model)
  metrics <- evaluate_model(model, read_table(opts$test))
  write_metrics(metrics, opts$output)
  message("Wrote ", opts$output)
}

if (sys.nframe() == 0L) main()
