/// Collects every problem with an input at once, so a form can show them all in one error summary.
public struct Validator: Sendable {
  public private(set) var errors: [FieldError] = []

  public init() {}

  /// Trims the text and checks it is present (when required), not over `max` characters, and free of
  /// control characters and direction overrides (`multiline`: newlines and tabs allowed, as in a text area).
  @discardableResult
  public mutating func text(
    _ value: String?, field: String, label: String, required: Bool = true, max: Int = 200,
    multiline: Bool = false
  ) -> String {
    // Rules apply to the text as sent (the OpenAPI document states the same: length in code points);
    // the stored value is trimmed.
    let raw = value ?? ""
    let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
    if let bad = TextRules.firstForbidden(in: raw, multiline: multiline) {
      errors.append(FieldError(field, "\(label.capitalizedFirst) must not contain \(bad)"))
    } else if required && trimmed.isEmpty {
      errors.append(FieldError(field, "Enter \(label)"))
    } else if raw.unicodeScalars.count > max {
      errors.append(FieldError(field, "\(label.capitalizedFirst) must be \(max) characters or fewer"))
    }
    return trimmed
  }

  /// Checks the shape of an email address: something@something.something, no spaces.
  @discardableResult
  public mutating func email(_ value: String?, field: String = "email", required: Bool = true)
    -> String
  {
    let raw = value ?? ""
    let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    if TextRules.firstForbidden(in: trimmed, multiline: false) != nil
      || trimmed.unicodeScalars.contains(where: { $0.properties.isWhitespace }) || raw.unicodeScalars.count > 254
    {
      errors.append(FieldError(field, "Enter an email address in the correct format, like name@example.com"))
      return ""
    }
    if trimmed.isEmpty {
      if required { errors.append(FieldError(field, "Enter an email address")) }
      return trimmed
    }
    let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
    let valid =
      parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
      && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !trimmed.contains(" ")
    if !valid {
      errors.append(
        FieldError(field, "Enter an email address in the correct format, like name@example.com"))
    }
    return trimmed
  }

  /// Passwords: long rather than complex (NCSC advice), at most 72 bytes because bcrypt ignores the rest.
  public mutating func newPassword(_ value: String?, field: String = "password") {
    let password = value ?? ""
    if password.count < 10 {
      errors.append(FieldError(field, "Password must be 10 characters or more"))
    } else if password.utf8.count > 72 {
      errors.append(FieldError(field, "Password must be 72 characters or fewer"))
    }
  }

  /// A date given as three fields (GOV.UK pattern) or as ISO text.
  public mutating func day(
    _ iso: String?, field: String, label: String, required: Bool = true
  ) -> Day? {
    let text = (iso ?? "").trimmingCharacters(in: .whitespaces)
    if text.isEmpty || text == "--" {
      if required { errors.append(FieldError(field, "Enter \(label)")) }
      return nil
    }
    guard let day = Day(iso: text) else {
      errors.append(FieldError(field, "\(label.capitalizedFirst) must be a real date"))
      return nil
    }
    return day
  }

  public mutating func add(_ field: String, _ message: String) {
    errors.append(FieldError(field, message))
  }

  /// Throws `CareError.invalid` with every problem found, or returns when there were none.
  public func check() throws(CareError) {
    if !errors.isEmpty { throw .invalid(errors) }
  }
}

extension String {
  /// "personal care" → "Personal care".
  public var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

/// Characters no text field takes: they are invisible, break storage (PostgreSQL refuses NUL) or, like
/// direction overrides, make a name read differently from what it is.
public enum TextRules {
  /// A plain description of the first forbidden character in `text`, or nil when there is none.
  public static func firstForbidden(in text: String, multiline: Bool) -> String? {
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x0A, 0x0D, 0x09: if !multiline { return scalar.value == 0x09 ? "tabs" : "line breaks" }
      case 0x00...0x1F, 0x7F...0x9F: return "control characters"
      case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return "direction marks"
      case 0xFEFF, 0xFFFE, 0xFFFF, 0xFDD0...0xFDEF: return "control characters"
      default: continue
      }
    }
    return nil
  }
}
