import CareCore
import FluentKit
import Foundation
import SQLKit

/// What a session token leads to.
public struct SessionInfo: Sendable {
  public let account: Account
  /// "web" (a cookie) or "api" (a bearer token); one never works as the other.
  public let kind: String
  public let createdAt: Date
  public let lastSeenAt: Date
}

extension Store {
  /// Every account with this address and a password, with its hash, for sign-in (one per co-op it is
  /// used in; usually one). Empty for an unknown address.
  public func credentials(email: String) async throws -> [(Account, String)] {
    let email = email.trimmingCharacters(in: .whitespaces).lowercased()
    return try await AccountRow.query(on: db).filter(\.$email == email).sort(\.$createdAt).all()
      .compactMap { row in row.passwordHash.map { (row.value, $0) } }
  }

  public func account(_ id: ID<Account>) async throws -> Account? {
    try await AccountRow.find(id.rawValue, on: db)?.value
  }

  public func accounts(coop: ID<Coop>) async throws -> [Account] {
    try await AccountRow.query(on: db).filter(\.$coopID == coop.rawValue).sort(\.$name).all()
      .map(\.value)
  }

  /// Every account using this address, one per co-op, oldest first.
  public func accounts(email: String) async throws -> [Account] {
    try await AccountRow.query(on: db).filter(\.$email == email.lowercased()).sort(\.$createdAt).all().map(\.value)
  }

  // MARK: Sessions

  public func createSession(tokenHash: String, account: ID<Account>, kind: String, at now: Date)
    async throws
  {
    let row = SessionRow()
    row.id = UUID()
    row.tokenHash = tokenHash
    row.accountID = account.rawValue
    row.kind = kind
    row.createdAt = now
    row.lastSeenAt = now
    try await write { db in try await row.create(on: db) }
  }

  /// The session for a token hash, or nil if unknown, idle for longer than `idle`, or older than
  /// `lifetime` however busy (then it is deleted).
  public func session(tokenHash: String, now: Date, idle: TimeInterval, lifetime: TimeInterval = .infinity)
    async throws -> SessionInfo?
  {
    guard let (row, account) = try await sessionWithAccount(tokenHash: tokenHash) else { return nil }
    if now.timeIntervalSince(row.lastSeenAt) > idle || now.timeIntervalSince(row.createdAt) > lifetime {
      try await deleteSession(tokenHash: tokenHash)
      return nil
    }
    // Touch at most once a minute: a page view should not cost a write each time.
    if now.timeIntervalSince(row.lastSeenAt) > 60 {
      try await write { db in
        try await SessionRow.query(on: db).filter(\.$tokenHash == tokenHash)
          .set(\.$lastSeenAt, to: now).update()
      }
    }
    return SessionInfo(account: account, kind: row.kind, createdAt: row.createdAt, lastSeenAt: row.lastSeenAt)
  }

  public func deleteSession(tokenHash: String) async throws {
    try await write { db in
      try await SessionRow.query(on: db).filter(\.$tokenHash == tokenHash).delete()
    }
  }

  // MARK: Password reset

  public func createPasswordReset(tokenHash: String, account: ID<Account>, expires: Date)
    async throws
  {
    let row = PasswordResetRow()
    row.id = UUID()
    row.tokenHash = tokenHash
    row.accountID = account.rawValue
    row.expiresAt = expires
    try await write { db in try await row.create(on: db) }
  }

  /// Whether a reset token is usable now (unused, unexpired).
  public func passwordResetIsValid(tokenHash: String, now: Date) async throws -> Bool {
    guard let row = try await PasswordResetRow.query(on: db).filter(\.$tokenHash == tokenHash).first()
    else { return false }
    return row.usedAt == nil && row.expiresAt > now
  }

  /// Uses a reset token once: sets the password and ends every session of the account.
  public func resetPassword(tokenHash: String, newHash: String, env: Effects) async throws
    -> Account
  {
    let now = env.now()
    let expired = CareError.invalid("token", "This link has expired or has been used. Ask for a new one.")
    return try await write { db in
      // Claim the token with one conditional update: of two requests racing with the same link, only
      // the one whose update finds it still unused goes on (PostgreSQL re-checks the row after the lock).
      let sql = db as! any SQLDatabase
      let claimed = try await sql.update(PasswordResetRow.schema)
        .set("used_at", to: SQLBind(now))
        .where("token_hash", .equal, SQLBind(tokenHash))
        .where("used_at", .is, SQLLiteral.null)
        .where("expires_at", .greaterThan, SQLBind(now))
        .returning("account_id")
        .all()
      guard let accountID = try claimed.first?.decode(column: "account_id", as: UUID.self),
        let account = try await AccountRow.find(accountID, on: db)
      else { throw expired }
      account.passwordHash = newHash
      try await account.save(on: db)
      // Every other link sent to this account stops working too, and every session ends.
      try await sql.update(PasswordResetRow.schema)
        .set("used_at", to: SQLBind(now))
        .where("account_id", .equal, SQLBind(accountID))
        .where("used_at", .is, SQLLiteral.null)
        .run()
      try await SessionRow.query(on: db).filter(\.$accountID == accountID).delete()
      try await Self.append(
        .passwordReset, coop: ID(account.coopID), actor: ID(accountID), env: env, on: db)
      return account.value
    }
  }
}

extension Store {
  /// Sets an account's password hash directly (demo data, administrators' tools).
  public func setPasswordHash(_ account: ID<Account>, hash: String) async throws {
    try await write { db in
      try await AccountRow.query(on: db).filter(\.$id == account.rawValue).set(\.$passwordHash, to: hash).update()
    }
  }

  /// Remembers whether the account's own pages are shown in Easy Read; recorded like every change.
  public func setEasyRead(_ on: Bool, account: Account, env: Effects) async throws {
    try await write { db in
      try await AccountRow.query(on: db).filter(\.$id == account.id.rawValue).set(\.$prefersEasyRead, to: on)
        .update()
      try await Self.append(
        .changePreferences, coop: account.coopID, actor: account.id, detail: on ? "Easy Read on" : "Easy Read off",
        env: env, on: db)
    }
  }
}

// MARK: Changing one's own account

extension Store {
  /// Changes the account's name (what everyone in the co-op sees).
  public func rename(_ account: ID<Account>, to name: String, env: Effects) async throws -> Account {
    var v = Validator()
    let name = v.text(name, field: "name", label: "your name")
    try v.check()
    return try await write { db in
      guard let row = try await AccountRow.find(account.rawValue, on: db) else { throw CareError.notFound }
      if row.name != name {
        row.name = name
        try await row.update(on: db)
        try await Self.append(.changeName, coop: ID(row.coopID), actor: account, env: env, on: db)
      }
      return row.value
    }
  }

  /// Keeps a change of address until the new address confirms it. Refused at once if another account of
  /// the co-op already uses the address (it is checked again when confirmed).
  public func requestEmailChange(
    _ account: ID<Account>, to email: String, tokenHash: String, expires: Date, env: Effects
  ) async throws -> String {
    var v = Validator()
    let email = v.email(email)
    try v.check()
    return try await write { db in
      guard let row = try await AccountRow.find(account.rawValue, on: db) else { throw CareError.notFound }
      if row.email == email { throw CareError.conflict(FieldError("email", "That is already your e-mail address")) }
      let clash = try await AccountRow.query(on: db).filter(\.$coopID == row.coopID).filter(\.$email == email).first()
      if clash != nil {
        throw CareError.conflict(FieldError("email", "Another account in your co-op uses that address"))
      }
      let change = EmailChangeRow()
      change.id = env.newID()
      change.tokenHash = tokenHash
      change.accountID = account.rawValue
      change.newEmail = email
      change.expiresAt = expires
      try await change.create(on: db)
      try await Self.append(.emailChangeRequested, coop: ID(row.coopID), actor: account, env: env, on: db)
      return email
    }
  }

  /// The address a confirmation link would set, if the link still works.
  public func pendingEmailChange(tokenHash: String, now: Date) async throws -> (Account, String)? {
    guard let row = try await EmailChangeRow.query(on: db).filter(\.$tokenHash == tokenHash).first(),
      row.usedAt == nil, row.expiresAt > now, let account = try await AccountRow.find(row.accountID, on: db)
    else { return nil }
    return (account.value, row.newEmail)
  }

  /// Uses a confirmation link once: the account takes the new address; every other pending change of the
  /// account stops working. Two links used at once: one wins.
  public func confirmEmailChange(tokenHash: String, env: Effects) async throws -> Account {
    let now = env.now()
    let expired = CareError.invalid("token", "This link has expired or has been used. Change your address again.")
    do {
      return try await writeChecked(
        conflict: FieldError("token", "Another account in your co-op now uses that address")
      ) { db in
        let sql = db as! any SQLDatabase
        let claimed = try await sql.update(EmailChangeRow.schema)
          .set("used_at", to: SQLBind(now))
          .where("token_hash", .equal, SQLBind(tokenHash))
          .where("used_at", .is, SQLLiteral.null)
          .where("expires_at", .greaterThan, SQLBind(now))
          .returning("account_id", "new_email")
          .all()
        guard let first = claimed.first,
          let account = try await AccountRow.find(try first.decode(column: "account_id", as: UUID.self), on: db)
        else { throw expired }
        account.email = try first.decode(column: "new_email", as: String.self)
        try await account.update(on: db)
        try await sql.update(EmailChangeRow.schema)
          .set("used_at", to: SQLBind(now))
          .where("account_id", .equal, SQLBind(account.id!))
          .where("used_at", .is, SQLLiteral.null)
          .run()
        try await Self.append(.changeEmail, coop: ID(account.coopID), actor: ID(account.id!), env: env, on: db)
        return account.value
      }
    } catch CareError.conflict(let clash) where clash.field == "email" {
      throw CareError.conflict(FieldError("token", "Another account in your co-op now uses that address"))
    }
  }
}
