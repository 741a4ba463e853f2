import CareCore
import CareStore
import Foundation

/// First-run setup, sign-in and sign-out, sessions, password links and the account's own preferences.
extension Cases {
  public func needsSetup() async throws -> Bool { try await store.needsSetup() }

  /// Sets up the deployment's first co-op and its administrator; refused once a co-op exists.
  public func setUp(_ input: CoopSetup) async throws -> Account {
    guard try await store.needsSetup() else { throw CareError.notFound }
    let valid = try input.validated()
    let hash = try await passwords.hash(valid.password)
    let (_, admin) = try await store.setUpCoop(valid, passwordHash: hash, env: effects, firstRun: true)
    return admin
  }

  /// A further co-op on this deployment, made by its operator (`carecoop coop create`): the administrator
  /// has no password yet and gets a link to choose one, which is also returned for the operator to pass on
  /// when the deployment has no mail transport. Its members, circles and records are its own: nothing
  /// another co-op holds is visible to it.
  public func createCoop(_ input: CoopSetup) async throws -> (Coop, Account, link: String) {
    let (coop, admin) = try await store.setUpCoop(input, passwordHash: nil, env: effects)
    let link = try await sendPasswordLink(to: admin, subject: "Your co-op \(coop.name) is ready on CareCoop")
    return (coop, admin, link ?? "")
  }

  /// Checks email and password, throttled and audited. Shared by the web form and the API. `address` is
  /// where the request came from, for the per-address limits.
  public func authenticate(email: String, password: String, from address: String) async throws -> Account {
    let key = email.trimmingCharacters(in: .whitespaces).lowercased()
    var v = Validator()
    v.email(key)
    if password.isEmpty { v.add("password", "Enter your password") }
    try v.check()
    let keys = Limits.signIn(email: key, address: address)
    // A try is reserved (in the database, shared by every app instance) before the ~0.4 s bcrypt check and
    // released after its outcome is stored, so parallel requests cannot all pass the limit.
    guard
      let reservation = try await store.reserveTries(
        keys, since: effects.now().addingTimeInterval(-Limits.window), env: effects)
    else {
      for known in try await store.accounts(email: key) {
        try await store.record(.signInRefused, coop: known.coopID, actor: known.id, detail: key, env: effects)
      }
      throw CareError.throttled
    }
    var found: [(Account, String)] = []
    var verified: Account?
    do {
      // An address may be used in several co-ops, each account with its own password: the password says
      // which (the oldest account whose password it is). Unknown addresses spend one bcrypt like a miss.
      found = try await store.credentials(email: key)
      for (known, hash) in found where verified == nil {
        if try await passwords.verify(password, hash: hash) { verified = known }
      }
      if found.isEmpty { try await passwords.spendOneCheck(password) }
      // The outcome is stored before the try is released, so it is never counted as neither.
      if verified == nil {
        try await store.addRateEvent(keys: keys.map(\.key), env: effects)
      } else {
        try await store.clearRateEvents(key: keys[0].key)
      }
    } catch {
      try? await store.releaseTries(reservation)
      throw error
    }
    try await store.releaseTries(reservation)
    guard let account = verified else {
      if found.isEmpty {
        try await store.record(.signInFailed, coop: nil, actor: nil, detail: key, env: effects)
      }
      for (known, _) in found {
        try await store.record(.signInFailed, coop: known.coopID, actor: known.id, detail: key, env: effects)
      }
      throw CareError.invalidCredentials
    }
    try await store.record(.signIn, coop: account.coopID, actor: account.id, env: effects)
    return account
  }

  /// The signed-in account with the facts the access policy needs.
  /// `secondStep`: the session gave the second step when signing in (privileged hats may need it, as the
  /// co-op decided).
  public func requester(for account: Account, secondStep: Bool = false) async throws -> Requester {
    var requester = try await store.actor(for: account, on: today)
    requester.now = effects.now()  // grants count only while this moment falls inside them
    requester.secondStepGiven = secondStep
    if requester.hats.contains(where: \.kind.isPrivileged) {
      requester.privilegedNeedSecondStep =
        try await coopSettings(account.coopID).value(.privilegedSecondStep, on: today) != 0
    }
    return requester
  }

  // MARK: Sessions

  /// Starts a session and returns its token (only its hash is stored); `replacing` ends the one the
  /// browser already had, so a planted session id is worthless after sign-in.
  /// `secondStep`: the sign-in gave a code from the account's authenticator app (kept with the session).
  public func startSession(
    for account: Account, kind: SessionKind, replacing old: String?, secondStep: Bool = false
  ) async throws -> String {
    if let old { try await store.deleteSession(tokenHash: Tokens.hash(old)) }
    let token = Tokens.random()
    try await store.createSession(
      tokenHash: Tokens.hash(token), account: account.id,
      kind: kind.rawValue + (secondStep ? SessionKind.withSecondStep : ""), at: effects.now())
    return token
  }

  /// The account a token belongs to, if the session is alive and of this kind (a cookie's session is no
  /// bearer token and a token's session no cookie).
  public func account(
    forSession token: String, kind: SessionKind, idle: TimeInterval, lifetime: TimeInterval
  ) async throws -> Account? {
    try await session(forToken: token, kind: kind, idle: idle, lifetime: lifetime)?.account
  }

  /// The account a token belongs to and whether its sign-in gave the second step.
  public func session(
    forToken token: String, kind: SessionKind, idle: TimeInterval, lifetime: TimeInterval
  ) async throws -> (account: Account, secondStep: Bool)? {
    let info = try await store.session(
      tokenHash: Tokens.hash(token), now: effects.now(), idle: idle, lifetime: lifetime)
    guard let info else { return nil }
    if info.kind == kind.rawValue { return (info.account, false) }
    if kind != .pending && info.kind == kind.rawValue + SessionKind.withSecondStep { return (info.account, true) }
    return nil
  }

  /// Ends the session; `account` (if signed in) gets a sign-out line in the audit log.
  public func signOut(token: String?, account: Account?, detail: String? = nil) async throws {
    if let account {
      try await store.record(.signOut, coop: account.coopID, actor: account.id, detail: detail ?? "", env: effects)
    }
    if let token { try await store.deleteSession(tokenHash: Tokens.hash(token)) }
  }

  // MARK: Passwords

  /// Asks for a reset link. Counted first, then checked with itself included: of several asking at once
  /// (several app instances, PostgreSQL's pool) each sees at least its own place in line, so no more than
  /// the limit are sent. One link for each co-op the address is used in, each mail naming its co-op.
  /// Returns how many mails went out (0 past the limits; the asker is told the same either way).
  @discardableResult
  public func requestPasswordReset(email: String, from address: String) async throws -> Int {
    let keys = Limits.resetMail(email: email, address: address)
    try await store.addRateEvent(keys: keys.map(\.key), env: effects)
    let recent = try await store.rateEvents(
      keys: keys.map(\.key), since: effects.now().addingTimeInterval(-Limits.mailWindow))
    guard keys.allSatisfy({ recent[$0.key, default: 0] <= $0.limit }) else { return 0 }
    var sent = 0
    for account in try await store.accounts(email: email) {
      let coop = try await store.coop(account.coopID)?.name ?? "your co-op"
      if try await sendPasswordLink(to: account, subject: "Reset your CareCoop password for \(coop)") != nil {
        sent += 1
      }
      try await store.record(.passwordResetRequested, coop: account.coopID, actor: account.id, env: effects)
    }
    return sent
  }

  /// Emails a one-time link (valid for an hour) to set a password: for resets and for new team members.
  @discardableResult
  func sendPasswordLink(to account: Account, subject: String) async throws -> String? {
    guard let email = account.email else { return nil }
    let token = Tokens.random()
    try await store.createPasswordReset(
      tokenHash: Tokens.hash(token), account: account.id, expires: effects.now().addingTimeInterval(3600))
    let link = links.passwordLink(token)
    try await mailer.send(
      to: email, subject: subject,
      body: "Hello \(account.name),\n\nChoose your password here: \(link)\n\nThe link works once, for one hour.")
    return link
  }

  public func passwordLinkWorks(_ token: String) async throws -> Bool {
    try await store.passwordResetIsValid(tokenHash: Tokens.hash(token), now: effects.now())
  }

  /// Sets a new password with a link. The link is checked before any bcrypt work, and links that do not
  /// work count against the address.
  public func resetPassword(token: String, newPassword: String, from address: String) async throws {
    var v = Validator()
    v.newPassword(newPassword)
    try v.check()
    let tokenHash = Tokens.hash(token)
    let keys = Limits.resetTries(address: address)
    let recent = try await store.rateEvents(
      keys: keys.map(\.key), since: effects.now().addingTimeInterval(-Limits.window))
    guard keys.allSatisfy({ recent[$0.key, default: 0] < $0.limit }) else { throw CareError.throttled }
    guard try await store.passwordResetIsValid(tokenHash: tokenHash, now: effects.now()) else {
      try await store.addRateEvent(keys: keys.map(\.key), env: effects)
      throw CareError.invalid("token", "This link has expired or has been used. Ask for a new one.")
    }
    let hash = try await passwords.hash(newPassword)
    _ = try await store.resetPassword(tokenHash: tokenHash, newHash: hash, env: effects)
  }

  // MARK: One's own account

  /// Changes the signed-in person's name.
  public func rename(_ account: Account, to name: String) async throws -> Account {
    try await store.rename(account.id, to: name, env: effects)
  }

  /// A new address is used only once it is confirmed from a link mailed to it (for a day); the old address
  /// is told, so someone who took over a session cannot quietly move the account.
  public func requestEmailChange(_ account: Account, to email: String) async throws {
    let token = Tokens.random()
    let newEmail = try await store.requestEmailChange(
      account.id, to: email, tokenHash: Tokens.hash(token), expires: effects.now().addingTimeInterval(24 * 3600),
      env: effects)
    do {
      try await mailer.send(
        to: newEmail, subject: "Confirm your new e-mail address for CareCoop",
        body:
          "Hello \(account.name),\n\nTo use this address for CareCoop, confirm it here: \(links.emailConfirmLink(token))\n\nThe link works once, for a day. If you did not ask for this, ignore this mail."
      )
    } catch {
      // The mail server would not take it (an address it cannot deliver to): the link never leaves, so the
      // change cannot happen; say so rather than fail.
      throw CareError.invalid("email", "We could not send mail to that address. Check it and try again.")
    }
    if let old = account.email {
      try await mailer.send(
        to: old, subject: "Your CareCoop e-mail address is changing",
        body:
          "Hello \(account.name),\n\nSomeone signed in as you asked to use \(newEmail) instead of this address. If that was not you, tell your co-op's administrator and reset your password."
      )
    }
  }

  /// What a confirmation link would do: whose address becomes which (nil if the link no longer works).
  public func pendingEmailChange(token: String) async throws -> (Account, String)? {
    try await store.pendingEmailChange(tokenHash: Tokens.hash(token), now: effects.now())
  }

  public func confirmEmailChange(token: String) async throws -> Account {
    try await store.confirmEmailChange(tokenHash: Tokens.hash(token), env: effects)
  }

  // MARK: Preferences

  public func setEasyRead(_ choice: String, account: Account) async throws {
    guard ["on", "off"].contains(choice) else { throw CareError.invalid("easy_read", "Choose Easy Read on or off") }
    try await store.setEasyRead(choice == "on", account: account, env: effects)
  }

  /// A server-wide secret kept in the database (made once, shared by every app instance).
  public func secret(named name: String) async throws -> String {
    try await store.secret(named: name) { Tokens.random() + Tokens.random() }
  }

  /// A signed-in member refused by the policy is written down, so probing shows in the audit log.
  public func recordRefusal(of account: Account, detail: String) async throws {
    try await store.record(.accessRefused, coop: account.coopID, actor: account.id, detail: detail, env: effects)
  }
}

/// Where a session was made: a browser's cookie or an API bearer token.
public enum SessionKind: String, Sendable {
  case web, api
  /// A browser that gave the right password for an account with a second step, and has yet to give its code:
  /// signed in to nothing (every page asks for `web`), for five minutes at most.
  case pending

  /// Kept after a session's kind when its sign-in gave the second step (`web-code`, `api-code`).
  public static let withSecondStep = "-code"

  /// How long a pending sign-in waits for its code.
  public static let pendingLifetime: TimeInterval = 5 * 60
}
