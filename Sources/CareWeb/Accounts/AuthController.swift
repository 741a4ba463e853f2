import CareCases
import CareCore
import Vapor

/// First-run setup, sign-in, sign-out and password reset.
enum AuthController {
  static func setupForm(_ req: Request) async throws -> Response {
    guard try await req.cases.needsSetup() else { return req.redirect(to: SiteURL.signIn.path) }
    return SetupPage(layout: req.layout("Set up your co-op"), state: FormState()).response()
  }

  static func setup(_ req: Request) async throws -> Response {
    guard try await req.cases.needsSetup() else { throw CareError.notFound }
    var state = try req.formState()
    let input = CoopSetup(
      coopName: state["coopName"], registeredNumber: state["registeredNumber"], address: state["address"],
      adminName: state["adminName"], adminEmail: state["adminEmail"], password: state["password"])
    do {
      let admin = try await req.cases.setUp(input)
      return try await signedIn(req, admin, next: SiteURL.home.path)
    } catch let error as CareError where error != .notFound {
      state.errors = error.fieldErrors
      return SetupPage(layout: req.layout("Set up your co-op", hasErrors: true), state: state).response(
        error.formStatus)
    }
  }

  static func signInForm(_ req: Request) async throws -> Response {
    if try await req.cases.needsSetup() { return req.redirect(to: SiteURL.setup.path) }
    let next = (try? req.query.get(String.self, at: "next")) ?? ""
    return SignInPage(layout: req.layout("Sign in"), state: FormState(values: ["next": next])).response()
  }

  static func signIn(_ req: Request) async throws -> Response {
    var state = try req.formState()
    do {
      let account = try await req.cases.authenticate(
        email: state["email"], password: state["password"], from: req.clientAddress)
      if try await req.cases.secondFactor(of: account) != nil {
        // Signed in to nothing yet: a pending session, good only for the code, for five minutes.
        let token = try await req.cases.startSession(
          for: account, kind: .pending, replacing: req.cookies[req.cookieNames.session]?.string)
        let response = req.redirect(
          to: SiteURL.signInCode.path + "?next="
            + (safeNext(state["next"]).addingPercentEncoding(
              withAllowedCharacters: .alphanumerics) ?? ""),
          redirectType: .normal)
        response.cookies[req.cookieNames.session] = req.sessionCookie(token)
        return response
      }
      return try await signedIn(req, account, next: safeNext(state["next"]))
    } catch let error as CareError {
      state.errors = error.fieldErrors
      return SignInPage(layout: req.layout("Sign in", hasErrors: true), state: state).response(error.formStatus)
    }
  }

  /// The account waiting for its code, if the browser's session is a pending sign-in still alive.
  private static func pending(_ req: Request) async throws -> (Account, String)? {
    guard let token = req.cookies[req.cookieNames.session]?.string, !token.isEmpty,
      let account = try await req.cases.account(
        forSession: token, kind: .pending, idle: SessionKind.pendingLifetime, lifetime: SessionKind.pendingLifetime)
    else { return nil }
    return (account, token)
  }

  static func codeForm(_ req: Request) async throws -> Response {
    guard try await pending(req) != nil else { return req.redirect(to: SiteURL.signIn.path) }
    let next = (try? req.query.get(String.self, at: "next")) ?? ""
    return SignInCodePage(layout: req.layout("Enter your code"), state: FormState(values: ["next": next])).response()
  }

  /// The code: right, a fresh session replaces the pending one; wrong, the form again (five wrong codes in
  /// 15 minutes and the account's codes wait).
  static func code(_ req: Request) async throws -> Response {
    var state = try req.formState()
    guard let account = try await pending(req)?.0 else {
      return SignInPage(
        layout: req.layout("Sign in"), state: FormState(values: ["next": safeNext(state["next"])]),
        notice: "That took too long: sign in again."
      ).response(.unauthorized)
    }
    do {
      try await req.cases.checkSecondFactor(for: account, code: state["code"])
      return try await signedIn(req, account, next: safeNext(state["next"]), secondStep: true)
    } catch let error as CareError {
      state.errors = error.fieldErrors
      state.values["code"] = nil
      return SignInCodePage(layout: req.layout("Enter your code", hasErrors: true), state: state).response(
        error.formStatus)
    }
  }

  private static func signedIn(_ req: Request, _ account: Account, next: String, secondStep: Bool = false)
    async throws -> Response
  {
    let token = try await req.startSession(for: account, secondStep: secondStep)
    let response = req.redirect(to: next, redirectType: .normal)
    response.cookies[req.cookieNames.session] = req.sessionCookie(token)
    return response
  }

  /// Only local paths, so a crafted link cannot send people to another site after sign-in: one leading
  /// slash, then visible ASCII only. Browsers drop tabs and line breaks and read `\\` as `/`, so
  /// `/\t/evil.example` or `/\\evil.example` would become `//evil.example`; those are refused whole.
  static func safeNext(_ next: String) -> String {
    let scalars = Array(next.unicodeScalars)
    guard scalars.first == "/", scalars.count < 2 || scalars[1] != "/", scalars.count <= 2000,
      scalars.allSatisfy({ (0x21...0x7E).contains($0.value) && $0 != "\\" })
    else { return SiteURL.home.path }
    return next
  }

  static func signOut(_ req: Request) async throws -> Response {
    try await req.endSession()
    let response = req.redirect(to: SiteURL.signIn.path, redirectType: .normal)
    response.cookies[req.cookieNames.session] = req.sessionCookie("", expired: true)
    return response
  }

  static func forgotForm(_ req: Request) async throws -> Response {
    ForgotPasswordPage(layout: req.layout("Reset your password"), state: FormState()).response()
  }

  /// Always answers the same way, so the page cannot be used to find out who has an account.
  static func forgot(_ req: Request) async throws -> Response {
    var state = try req.formState()
    var v = Validator()
    let email = v.email(state["email"])
    do { try v.check() } catch {
      state.errors = error.fieldErrors
      return ForgotPasswordPage(layout: req.layout("Reset your password", hasErrors: true), state: state)
        .response(.unprocessableEntity)
    }
    // Looking the address up and mailing happen after the answer (a queued job), so known and unknown
    // addresses take the same time; past the mail limits nothing is sent, and the answer is still the same.
    try await req.cases.askForPasswordReset(email: email, from: req.clientAddress)
    await req.care.jobs.nudge()
    return MessagePage(
      layout: req.layout("Check your email"), heading: "Check your email",
      lines: ["If \(email) has an account, we have sent it a link to choose a new password."]
    ).response()
  }

  static func resetForm(_ req: Request) async throws -> Response {
    let token = (try? req.query.get(String.self, at: "token")) ?? ""
    guard try await req.cases.passwordLinkWorks(token) else {
      return MessagePage(
        layout: req.layout("Link expired"), heading: "This link has expired",
        lines: ["Links work once, for one hour. Ask for a new one."],
        link: ("Ask for a new link", .forgotPassword)
      ).response(.notFound)
    }
    return ResetPasswordPage(layout: req.layout("Choose a new password"), state: FormState(values: ["token": token]))
      .response()
  }

  static func reset(_ req: Request) async throws -> Response {
    var state = try req.formState()
    do {
      try await req.cases.resetPassword(
        token: state["token"], newPassword: state["password"], from: req.clientAddress)
      return SignInPage(
        layout: req.layout("Sign in"), state: FormState(),
        notice: "Your password has been changed. Sign in with it now."
      ).response()
    } catch let error as CareError {
      state.errors = error.fieldErrors
      return ResetPasswordPage(layout: req.layout("Choose a new password", hasErrors: true), state: state)
        .response(error.formStatus)
    }
  }
}

extension CareError {
  /// The status of a form shown again with this error: 429 for too many tries, else 422.
  var formStatus: HTTPStatus { self == .throttled ? .tooManyRequests : .unprocessableEntity }
}

extension Error {
  /// The field errors to show for a domain error on a form.
  var fieldErrors: [FieldError] {
    switch self as? CareError {
    case .invalid(let errors): errors
    case .conflict(let error), .unknownReference(let error), .tooLarge(let error), .unsupportedType(let error):
      [error]
    case .invalidCredentials: [FieldError("email", "The email address or password is not right")]
    case .throttled: [FieldError("email", "Too many tries. Wait 15 minutes, then try again.")]
    case .notFound, .forbidden, nil: [FieldError("form", "Something went wrong. Try again.")]
    }
  }
}
