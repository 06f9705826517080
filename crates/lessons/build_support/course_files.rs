//! Reads the course directory into the JSON document the library parses at run time.
//!
//! Shared by `build.rs` (which embeds the result) and the tests (which feed it broken files), so
//! that both see exactly the same conversion. The lesson files are TOML because people edit and
//! review them in pull requests; converting them at build time keeps a TOML parser out of the
//! library and the wasm app, which already carry serde_json.

use std::path::Path;

/// The file that lists the lessons in course order.
pub const COURSE_FILE: &str = "course.toml";

/// Converts every lesson listed in `dir/course.toml` into one JSON document:
/// `{"lessons": [{"file": "<name>.toml", "lesson": {...}}, ...]}`, in course order.
/// Errors name the file (and, for TOML syntax errors, the line and column).
pub fn course_json(dir: &Path) -> Result<String, String> {
    let index_path = dir.join(COURSE_FILE);
    let index_text = std::fs::read_to_string(&index_path)
        .map_err(|e| format!("{}: {e}", index_path.display()))?;
    let order = lesson_order(&index_text).map_err(|e| format!("{COURSE_FILE}: {e}"))?;

    let mut on_disk: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let name = entry
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".toml") && name != COURSE_FILE {
            on_disk.push(name);
        }
    }
    on_disk.sort();
    for name in &on_disk {
        let id = name.trim_end_matches(".toml");
        if !order.iter().any(|listed| listed == id) {
            return Err(format!(
                "{name}: this lesson file is not listed in {COURSE_FILE}; add \"{id}\" to its `lessons` list where it belongs in the course"
            ));
        }
    }

    let mut lessons = Vec::new();
    for id in &order {
        let name = format!("{id}.toml");
        let path = dir.join(&name);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("{COURSE_FILE} lists \"{id}\", but {name} cannot be read: {e}"))?;
        let lesson = lesson_json(&text).map_err(|e| format!("{name}: {e}"))?;
        lessons.push(serde_json::json!({ "file": name, "lesson": lesson }));
    }
    Ok(serde_json::json!({ "lessons": lessons }).to_string())
}

/// The lesson ids of `course.toml`, in order, each listed once.
pub fn lesson_order(text: &str) -> Result<Vec<String>, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
    let Some(list) = table.get("lessons").and_then(toml::Value::as_array) else {
        return Err("expected `lessons = [\"first-lesson-id\", ...]`".to_owned());
    };
    if let Some(key) = table.keys().find(|key| *key != "lessons") {
        return Err(format!("unknown key `{key}` (only `lessons` is allowed)"));
    }
    let mut order: Vec<String> = Vec::new();
    for item in list {
        let Some(id) = item.as_str() else {
            return Err(format!(
                "`lessons` must hold lesson ids as strings, found {item:?}"
            ));
        };
        if order.iter().any(|seen| seen == id) {
            return Err(format!("lesson \"{id}\" is listed twice"));
        }
        order.push(id.to_owned());
    }
    Ok(order)
}

/// One lesson file as JSON (TOML syntax errors carry TOML's line, column and excerpt).
pub fn lesson_json(text: &str) -> Result<serde_json::Value, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
    to_json(&toml::Value::Table(table), "")
}

fn to_json(value: &toml::Value, at: &str) -> Result<serde_json::Value, String> {
    Ok(match value {
        toml::Value::String(s) => serde_json::Value::String(s.clone()),
        toml::Value::Integer(i) => serde_json::Value::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f)
            .map(serde_json::Value::Number)
            .ok_or_else(|| format!("`{at}`: {f} is not a finite number"))?,
        toml::Value::Boolean(b) => serde_json::Value::Bool(*b),
        toml::Value::Datetime(_) => {
            return Err(format!(
                "`{at}`: TOML dates are not used in lessons; quote the value if it is text"
            ))
        }
        toml::Value::Array(items) => serde_json::Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| to_json(item, &format!("{at}[{i}]")))
                .collect::<Result<_, _>>()?,
        ),
        toml::Value::Table(table) => {
            let mut object = serde_json::Map::new();
            for (key, item) in table {
                let path = if at.is_empty() {
                    key.clone()
                } else {
                    format!("{at}.{key}")
                };
                object.insert(key.clone(), to_json(item, &path)?);
            }
            serde_json::Value::Object(object)
        }
    })
}
