import CareCases
import CareCore
import Vapor

/// Turns every error into an answer a person can act on: an error page for the site, problem JSON
/// (RFC 9457) for the API. This is the only place domain errors become HTTP statuses.
struct CareErrorMiddleware: AsyncMiddleware {
  func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    do {
      return try await next.respond(to: req)
    } catch {
      var (status, title, fields) = Self.classify(error)
      // No route for this method, but the address has others: 405 with what it takes, not 404.
      var allowed: [String] = []
      if status == .notFound, req.route == nil {
        allowed = Self.methods(at: req.url.path, in: req.application.routes.all)
        if !allowed.isEmpty { (status, title, fields) = (.methodNotAllowed, "Method not allowed", []) }
      }
      if status == .internalServerError {
        req.logger.report(error: error)
      }
      // A signed-in member refused by the policy (403, or 404 for what they may not know of) is written
      // down: probing shows in the audit log. Writing it must never hide the answer.
      if let account = req.account, let care = error as? CareError, care == .forbidden || care == .notFound {
        try? await req.cases.recordRefusal(
          of: account, detail: "\(req.method.rawValue) \(req.url.path.prefix(200))")
      }
      if req.routeKind == .api {
        let response = try problem(req, status: status, title: title, fields: fields)
        if !allowed.isEmpty { response.headers.replaceOrAdd(name: .allow, value: allowed.joined(separator: ", ")) }
        return response
      }
      if status == .unauthorized {
        let next =
          req.method == .GET
          ? "?next="
            + (req.url.path.addingPercentEncoding(
              withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-"))) ?? "") : ""
        return req.redirect(to: SiteURL.signIn.path + next, redirectType: .normal)
      }
      var lines = fields.isEmpty ? [Self.advice(status)] : fields.map(\.message)
      if status == .forbidden || status == .notFound, req.storage[RequesterKey.self]?.needsSecondStep == true {
        lines.append(Self.secondStepAdvice)
      }
      let page = MessagePage(
        layout: req.layout(title), heading: title, lines: lines, link: ("Go to the home page", .home)
      ).response(status)
      if !allowed.isEmpty { page.headers.replaceOrAdd(name: .allow, value: allowed.joined(separator: ", ")) }
      return page
    }
  }

  /// The methods registered for a path, matching `:parameter` segments to anything.
  static func methods(at path: String, in routes: [Route]) -> [String] {
    let parts = path.split(separator: "/").map(String.init)
    let matching = routes.filter { route in
      guard route.path.count == parts.count else { return false }
      return zip(route.path, parts).allSatisfy { component, part in
        switch component {
        case .constant(let text): text == part
        case .parameter, .anything: true
        case .catchall: true
        }
      }
    }
    return Array(Set(matching.map(\.method.rawValue))).sorted()
  }

  static func classify(_ error: any Error) -> (HTTPStatus, String, [FieldError]) {
    switch error {
    case let care as CareError:
      switch care {
      case .invalid(let fields): return (.unprocessableEntity, "There is a problem", fields)
      case .notFound: return (.notFound, "Page not found", [])
      case .forbidden: return (.forbidden, "You cannot do this", [])
      case .conflict(let field): return (.conflict, "There is a problem", [field])
      case .unknownReference(let field): return (.notFound, "Not found", [field])
      case .tooLarge(let field): return (.payloadTooLarge, "The file is too large", [field])
      case .unsupportedType(let field): return (.unsupportedMediaType, "This kind of file is not taken", [field])
      case .invalidCredentials:
        return (.unauthorized, "Sign in failed", [FieldError("email", "The email address or password is not right")])
      case .throttled:
        return (.tooManyRequests, "Too many tries", [FieldError("email", "Wait 15 minutes, then try again")])
      }
    case let printing as PrintError:
      return (.serviceUnavailable, "No PDF just now", [FieldError("pdf", printing.message)])
    case is CSRFError:
      return (
        .forbidden, "This form has expired",
        [FieldError("form", "Go back, reload the page and try again. Nothing was saved.")]
      )
    case let decoding as DecodingError:
      return (.badRequest, "The request could not be read", [Self.plainWords(decoding)])
    case let abort as any AbortError:
      return (abort.status, abort.status == .notFound ? "Page not found" : abort.reason, [])
    default:
      return (.internalServerError, "Sorry, something went wrong", [])
    }
  }

  /// What was wrong with a body, named by its field, without the decoder's internals.
  static func plainWords(_ error: DecodingError) -> FieldError {
    func path(_ keys: [any CodingKey]) -> String {
      keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        .replacingOccurrences(of: ".[", with: "[")
    }
    switch error {
    case .keyNotFound(let key, let context):
      let field = path(context.codingPath + [key])
      return FieldError(field, "\(field) is missing")
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      let field = path(context.codingPath)
      return FieldError(field.isEmpty ? "body" : field, "\(field.isEmpty ? "The body" : field) has the wrong type")
    case .dataCorrupted(let context):
      let field = path(context.codingPath)
      return field.isEmpty
        ? FieldError("body", "The body is not valid JSON or form data")
        : FieldError(field, "\(field) is not a value it can take")
    @unknown default:
      return FieldError("body", "The body could not be read")
    }
  }

  /// Said when the refused holds a privileged hat the co-op wants a second step for, in a session without it.
  static let secondStepAdvice =
    "The co-op has decided that the registered manager, safeguarding leads and the finance hat act only after "
    + "a second step when signing in. Turn it on from your account, then sign out and sign in again with the code."

  static func advice(_ status: HTTPStatus) -> String {
    switch status {
    case .notFound: "If you typed the web address, check it is correct. If you followed a link, it may be out of date."
    case .forbidden: "You can see this, but only the person or someone they chose can change it."
    case .payloadTooLarge: "What you sent is too large. Send less, or in parts."
    case .methodNotAllowed: "This address does not take that kind of request."
    case .internalServerError: "Nothing you did caused this. Try again in a few minutes."
    default: "Go back and try again."
    }
  }

  private func problem(_ req: Request, status: HTTPStatus, title: String, fields: [FieldError]) throws -> Response {
    let body = Problem(
      type: "about:blank", title: title, status: Int(status.code),
      detail: fields.first?.message ?? Self.advice(status), errors: fields.isEmpty ? nil : fields)
    let response = Response(status: status)
    try response.content.encode(body, as: .json)
    response.headers.contentType = HTTPMediaType(type: "application", subType: "problem+json")
    return response
  }
}

struct Problem: Content {
  let type: String
  let title: String
  let status: Int
  let detail: String
  let errors: [FieldError]?
}
