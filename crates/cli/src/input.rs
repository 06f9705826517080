//! Parameter values as the AWS CLI takes them: inline text, or `file://PATH`.

pub fn read_parameter(value: &str) -> Result<String, String> {
    match value.strip_prefix("file://") {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}")),
        None => Ok(value.to_owned()),
    }
}
