# Every column is read as text: numbers are parsed only where a step needs
# them, so the rows a step writes back keep the spelling they came with.
read_table <- function(path) {
  readr::read_csv(
    path,
    col_types = readr::cols(.default = readr::col_character()),
    progress = FALSE
  )
}

write_table <- function(data, path) {
  dir.create(dirname(path), recursive = TRUE, showWarnings = FALSE)
  readr::write_csv(data, path, na = "")
}

# Give the columns their safe names. A file that already has every needed
# safe name is kept as it is, so both spellings of the columns are accepted.
# janitor::clean_names is used when installed and it agrees with the names
# every other flavour uses; otherwise the generated table decides.
use_safe_names <- function(data, column_names, needed = names(column_names)) {
  if (all(needed %in% names(data))) {
    return(data)
  }
  if (requireNamespace("janitor", quietly = TRUE)) {
    cleaned <- janitor::clean_names(data)
    expected <- names(column_names)[match(names(data), column_names)]
    if (identical(names(cleaned), expected)) {
      return(cleaned)
    }
  }
  dplyr::rename(data, dplyr::any_of(column_names))
}

parse_numbers <- function(data, columns) {
  columns <- intersect(columns, names(data))
  dplyr::mutate(
    data,
    dplyr::across(dplyr::all_of(columns), readr::parse_double)
  )
}
