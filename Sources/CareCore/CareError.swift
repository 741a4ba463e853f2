/// One problem with one field of a form or API body, in words the person can act on.
public struct FieldError: Hashable, Sendable, Codable {
  public let field: String
  public let message: String
  public init(_ field: String, _ message: String) {
    self.field = field
    self.message = message
  }
}

/// Typed domain errors. Which HTTP status each becomes is decided only at the web edge.
public enum CareError: Error, Equatable, Sendable {
  /// Input that breaks a rule; nothing was written.
  case invalid([FieldError])
  /// The thing does not exist, or the actor may not know that it exists.
  case notFound
  /// The actor may see the thing but not change it.
  case forbidden
  /// The change clashes with what is stored (e.g. an email already in use).
  case conflict(FieldError)
  /// Email and password did not match an account.
  case invalidCredentials
  /// Too many attempts; try again later.
  case throttled
  /// A well-formed field names something that does not exist here (a circle, an account); nothing was
  /// written. A form shows it at the field; the API answers "not found".
  case unknownReference(FieldError)
  /// An upload over its kind's size limit: stopped the moment it passed it, nothing kept.
  case tooLarge(FieldError)
  /// An upload whose first bytes are not of a type its kind takes: nothing kept.
  case unsupportedType(FieldError)

  public static func invalid(_ field: String, _ message: String) -> CareError {
    .invalid([FieldError(field, message)])
  }
}
