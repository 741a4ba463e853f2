import CareCore
import CareStore
import Foundation

/// Setting up an authenticator app: the secret to give the app, and the address an app reads.
public struct SecondFactorSetup: Sendable, Hashable {
  /// Base32, in groups of four for typing.
  public let secret: String
  public let uri: String

  public var grouped: String {
    stride(from: 0, to: secret.count, by: 4).map { start in
      let from = secret.index(secret.startIndex, offsetBy: start)
      let to = secret.index(from, offsetBy: min(4, secret.count - start))
      return String(secret[from..<to])
    }.joined(separator: " ")
  }
}

/// A second step when signing in, with an authenticator app (TOTP, RFC 6238) and ten recovery codes: what the
/// holders of privileged hats (registered manager, safeguarding lead, finance) will need to use them. Turning
/// it on takes a code from the app, so a mistyped secret cannot lock anyone out; each code, and each recovery
/// code, works once.
extension Cases {
  /// A new secret for the app (nothing is kept until a code from the app proves it was set up).
  public func beginSecondFactor(for account: Account) async throws -> SecondFactorSetup {
    var generator = SystemRandomNumberGenerator()
    return try await setup(TOTP.newSecret(using: &generator), for: account)
  }

  /// The setup for a key already given to the app (after a wrong first code), or a new one if it is not a key.
  public func secondFactorSetup(for account: Account, secret: String?) async throws -> SecondFactorSetup {
    guard let bytes = secret.flatMap(Base32.decode), bytes.count >= 16 else {
      return try await beginSecondFactor(for: account)
    }
    return try await setup(bytes, for: account)
  }

  private func setup(_ secret: [UInt8], for account: Account) async throws -> SecondFactorSetup {
    let coop = try await store.coop(account.coopID)?.name ?? "CareCoop"
    return SecondFactorSetup(
      secret: Base32.encode(secret), uri: TOTP(secret: secret).uri(issuer: coop, account: account.email ?? account.name)
    )
  }

  /// Turns the second step on with the secret given to the app and a code it shows; returns the recovery
  /// codes, shown once.
  public func turnOnSecondFactor(for account: Account, secret: String?, code: String?) async throws -> [String] {
    guard let bytes = secret.flatMap(Base32.decode), bytes.count >= 16 else {
      throw CareError.invalid("secret", "Start again: the key for the app was not the one given")
    }
    let totp = TOTP(secret: bytes)
    guard let step = totp.matchingCounter(code ?? "", at: effects.now(), after: nil) else {
      throw CareError.invalid("code", "That is not the code the app shows now: type the 6 numbers it shows")
    }
    var generator = SystemRandomNumberGenerator()
    let codes = RecoveryCodes.make(using: &generator)
    try await store.keepSecondFactor(
      for: account, secret: Base32.encode(bytes), firstStep: step, recoveryHashes: codes.map(Tokens.hash),
      env: effects)
    return codes
  }

  public func secondFactor(of account: Account) async throws -> StoredSecondFactor? {
    try await store.secondFactor(of: account.id)
  }

  /// Proves the second step: a code from the app (not one used before, nor older than the last used) or an
  /// unused recovery code. Refused codes are logged; after five wrong codes within 15 minutes the account's
  /// codes are refused until the window passes (the tries are reserved in the database first, as sign-in's
  /// are, so codes sent at once cannot all slip past the limit).
  public func checkSecondFactor(for account: Account, code: String?) async throws {
    guard let factor = try await store.secondFactor(of: account.id), let bytes = Base32.decode(factor.secret) else {
      throw CareError.conflict(FieldError("code", "Turn on the second step first"))
    }
    let typed = (code ?? "").trimmingCharacters(in: .whitespaces)
    if typed.isEmpty { throw CareError.invalid("code", "Enter the code your authenticator app shows") }
    let keys = Limits.secondFactor(account: account.id)
    guard
      let reservation = try await store.reserveTries(
        keys, since: effects.now().addingTimeInterval(-Limits.window), env: effects)
    else {
      try await store.record(
        .secondFactorRefused, coop: account.coopID, actor: account.id, detail: "too many", env: effects)
      throw CareError.throttled
    }
    var wrong = false
    do {
      if let step = TOTP(secret: bytes).matchingCounter(typed, at: effects.now(), after: factor.lastStep) {
        try await store.useSecondFactor(factor.id, step: step, recoveryHash: nil, account: account, env: effects)
      } else if let recovery = RecoveryCodes.normalised(typed),
        try await store.recoveryCodeUnused(factor.id, hash: Tokens.hash(recovery))
      {
        try await store.useSecondFactor(
          factor.id, step: nil, recoveryHash: Tokens.hash(recovery), account: account, env: effects)
      } else {
        wrong = true
        try await store.addRateEvent(keys: keys.map(\.key), env: effects)
      }
    } catch {
      try? await store.releaseTries(reservation)
      throw error
    }
    try await store.releaseTries(reservation)
    guard !wrong else {
      try await store.record(.secondFactorRefused, coop: account.coopID, actor: account.id, env: effects)
      throw CareError.invalid(
        "code", "That code is not right, or was used already: type the newest code the app shows, or a recovery code")
    }
    try await store.clearRateEvents(key: keys[0].key)
  }
}
