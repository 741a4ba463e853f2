import CareCore
import CareStore
import Vapor

/// First-run setup, sign-in, sign-out and password reset.
enum AuthController {
  static func setupForm(_ req: Request) async throws -> Response {
    guard try await req.store.needsSetup() else { return req.redirect(to: SiteURL.signIn.path) }
    return SetupPage(layout: req.layout("Set up your co-op"), state: FormState()).response()
  }

  static func setup(_ req: Request) async throws -> Response {
    guard try await req.store.needsSetup() else { throw CareError.notFound }
    var state = try req.formState()
    let input = CoopSetup(
      coopName: state["coopName"], registeredNumber: state["registeredNumber"], address: state["address"],
      adminName: state["adminName"], adminEmail: state["adminEmail"], password: state["password"])
    do {
      let valid = try input.validated()
      let hash = try await req.hashPassword(valid.password)
      let (_, admin) = try await req.store.setUpCoop(valid, passwordHash: hash, env: req.clock, firstRun: true)
      return try await signedIn(req, admin, next: SiteURL.home.path)
    } catch let error as CareError {
      state.errors = error.fieldErrors
      return SetupPage(layout: req.layout("Set up your co-op", hasErrors: true), state: state).response(
        .unprocessableEntity)
    }
  }

  static func signInForm(_ req: Request) async throws -> Response {
    if try await req.store.needsSetup() { return req.redirect(to: SiteURL.setup.path) }
    let next = (try? req.query.get(String.self, at: "next")) ?? ""
    return SignInPage(layout: req.layout("Sign in"), state: FormState(values: ["next": next])).response()
  }

  static func signIn(_ req: Request) async throws -> Response {
    var state = try req.formState()
    do {
      let account = try await authenticate(req, email: state["email"], password: state["password"])
      return try await signedIn(req, account, next: safeNext(state["next"]))
    } catch let error as CareError {
      state.errors = error.fieldErrors
      return SignInPage(layout: req.layout("Sign in", hasErrors: true), state: state).response(error.formStatus)
    }
  }

  /// Checks email and password, throttled and audited. Shared by the web form and the API.
  static func authenticate(_ req: Request, email: String, password: String) async throws -> Account {
    let key = email.trimmingCharacters(in: .whitespaces).lowercased()
    var v = Validator()
    v.email(key)
    if password.isEmpty { v.add("password", "Enter your password") }
    try v.check()
    let throttle = req.care.throttle
    let keys = Limits.signIn(email: key, address: req.clientAddress)
    let mark = await throttle.mark(keys)
    let recent = try await req.store.rateEvents(
      keys: keys.map(\.key), since: req.clock.now().addingTimeInterval(-Limits.window))
    guard await throttle.reserve(keys, recent: recent, mark: mark) else {
      for known in try await req.store.accounts(email: key) {
        try await req.store.record(.signInRefused, coop: known.coopID, actor: known.id, detail: key, env: req.clock)
      }
      throw CareError.throttled
    }
    var found: [(Account, String)] = []
    var verified: Account?
    do {
      // An address may be used in several co-ops, each account with its own password: the password says
      // which (the oldest account whose password it is). Unknown addresses spend one bcrypt like a miss.
      found = try await req.store.credentials(email: key)
      for (known, hash) in found where verified == nil {
        if try await req.verifyPassword(password, hash: hash) { verified = known }
      }
      if found.isEmpty { try await req.verifyAgainstDummy(password) }
      // The outcome is stored before the try is released, so it is never counted as neither.
      if verified == nil {
        try await req.store.addRateEvent(keys: keys.map(\.key), env: req.clock)
      } else {
        try await req.store.clearRateEvents(key: keys[0].key)
      }
    } catch {
      await throttle.release(keys, failed: true)
      throw error
    }
    await throttle.release(keys, failed: verified == nil)
    guard let account = verified else {
      if found.isEmpty {
        try await req.store.record(.signInFailed, coop: nil, actor: nil, detail: key, env: req.clock)
      }
      for (known, _) in found {
        try await req.store.record(.signInFailed, coop: known.coopID, actor: known.id, detail: key, env: req.clock)
      }
      throw CareError.invalidCredentials
    }
    try await req.store.record(.signIn, coop: account.coopID, actor: account.id, env: req.clock)
    return account
  }

  private static func signedIn(_ req: Request, _ account: Account, next: String) async throws -> Response {
    let token = try await req.startSession(for: account)
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
    if let account = req.account {
      try await req.store.record(.signOut, coop: account.coopID, actor: account.id, env: req.clock)
    }
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
    // Looking the address up and mailing happen after the answer, so known and unknown addresses take
    // the same time; past the mail limits nothing is sent, and the answer is still the same.
    let context = req.care
    let keys = Limits.resetMail(email: email, address: req.clientAddress)
    await context.jobs.run("reset mail") {
      // Counted first, then checked with itself included: of several asking at once (several app instances,
      // PostgreSQL's pool) each sees at least its own place in line, so no more than the limit are sent.
      try await context.store.addRateEvent(keys: keys.map(\.key), env: context.env)
      let recent = try await context.store.rateEvents(
        keys: keys.map(\.key), since: context.env.now().addingTimeInterval(-Limits.mailWindow))
      guard keys.allSatisfy({ recent[$0.key, default: 0] <= $0.limit }) else {
        context.logger.warning("reset mail not sent: limit reached")
        return
      }
      // One link for each co-op the address is used in, each mail naming its co-op.
      for account in try await context.store.accounts(email: email) {
        let coop = try await context.store.coop(account.coopID)?.name ?? "your co-op"
        try await sendPasswordLink(context, to: account, subject: "Reset your CareCoop password for \(coop)")
        try await context.store.record(
          .passwordResetRequested, coop: account.coopID, actor: account.id, env: context.env)
      }
    }
    return MessagePage(
      layout: req.layout("Check your email"), heading: "Check your email",
      lines: ["If \(email) has an account, we have sent it a link to choose a new password."]
    ).response()
  }

  /// Emails a one-time link (valid for an hour) to set a password: for resets and for new team members.
  static func sendPasswordLink(_ context: CareContext, to account: Account, subject: String) async throws {
    guard let email = account.email else { return }
    let token = Tokens.random()
    try await context.store.createPasswordReset(
      tokenHash: Tokens.hash(token), account: account.id, expires: context.env.now().addingTimeInterval(3600))
    let link = context.config.publicURL + SiteURL.resetPassword(token: token).path
    await context.mailer.send(
      to: email, subject: subject,
      body: "Hello \(account.name),\n\nChoose your password here: \(link)\n\nThe link works once, for one hour.")
  }

  static func resetForm(_ req: Request) async throws -> Response {
    let token = (try? req.query.get(String.self, at: "token")) ?? ""
    guard try await req.store.passwordResetIsValid(tokenHash: Tokens.hash(token), now: req.clock.now()) else {
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
      var v = Validator()
      v.newPassword(state["password"])
      try v.check()
      // The link is checked before any bcrypt work, and links that do not work count against the address.
      let tokenHash = Tokens.hash(state["token"])
      let keys = Limits.resetTries(address: req.clientAddress)
      let recent = try await req.store.rateEvents(
        keys: keys.map(\.key), since: req.clock.now().addingTimeInterval(-Limits.window))
      guard keys.allSatisfy({ recent[$0.key, default: 0] < $0.limit }) else { throw CareError.throttled }
      guard try await req.store.passwordResetIsValid(tokenHash: tokenHash, now: req.clock.now()) else {
        try await req.store.addRateEvent(keys: keys.map(\.key), env: req.clock)
        throw CareError.invalid("token", "This link has expired or has been used. Ask for a new one.")
      }
      let hash = try await req.hashPassword(state["password"])
      _ = try await req.store.resetPassword(tokenHash: tokenHash, newHash: hash, env: req.clock)
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
    case .conflict(let error), .unknownReference(let error): [error]
    case .invalidCredentials: [FieldError("email", "The email address or password is not right")]
    case .throttled: [FieldError("email", "Too many tries. Wait 15 minutes, then try again.")]
    case .notFound, .forbidden, nil: [FieldError("form", "Something went wrong. Try again.")]
    }
  }
}
