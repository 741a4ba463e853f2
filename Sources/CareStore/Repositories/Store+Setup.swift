import CareCore
import FluentKit
import Foundation
import SQLKit

extension Store {
  /// True until the first co-op has been set up: the web shows the setup page until then.
  public func needsSetup() async throws -> Bool {
    try await CoopRow.query(on: db).count() == 0
  }

  /// Creates a co-op, its first administrator and the co-op-wide hats, in one transaction.
  /// `firstRun`: the site's first-run setup, which succeeds once per deployment however many race for
  /// it (the loser's whole transaction is undone and it gets `notFound`, as a second setup does).
  /// A nil `passwordHash` leaves the administrator to choose one from a link (an operator's new co-op).
  public func setUpCoop(_ setup: CoopSetup, passwordHash: String?, env: Effects, firstRun: Bool = false)
    async throws -> (Coop, Account)
  {
    let setup = try setup.validated(withPassword: passwordHash != nil)
    let coop = Coop(
      id: ID(env.newID()), name: setup.coopName, registeredNumber: setup.registeredNumber,
      address: setup.address)
    let admin = Account(
      id: ID(env.newID()), coopID: coop.id, name: setup.adminName, email: setup.adminEmail,
      isAdministrator: true)
    let now = env.now()
    do {
      try await writeChecked { db in
        if firstRun {
          try await (db as! any SQLDatabase).insert(into: "first_run").columns("key", "at")
            .values(SQLBind("setup"), SQLBind(now)).run()
          guard try await CoopRow.query(on: db).count() == 0 else { throw CareError.notFound }
        }
        try await Self.createCoop(coop, admin: admin, passwordHash: passwordHash, env: env, on: db)
      }
    } catch CareError.conflict where firstRun {
      throw CareError.notFound
    }
    return (coop, admin)
  }

  private static func createCoop(
    _ coop: Coop, admin: Account, passwordHash: String?, env: Effects, on db: any Database
  ) async throws {
    let now = env.now()
    try await CoopRow(coop, createdAt: now).create(on: db)
    try await Self.insertAccount(admin, passwordHash: passwordHash, at: now, on: db)
    for kind in HatKind.allCases where kind != .custom && !kind.isCircleHat {
      try await HatRow(Self.defaultHat(kind, coop: coop.id, circle: nil, env: env)).create(on: db)
    }
    try await Self.append(
      .setUpCoop, coop: coop.id, actor: admin.id, detail: coop.name, env: env, on: db)
  }

  public func coop(_ id: ID<Coop>) async throws -> Coop? {
    try await CoopRow.find(id.rawValue, on: db)?.value
  }

  public func coops() async throws -> [Coop] {
    try await CoopRow.query(on: db).sort(\.$name).all().map(\.value)
  }

  static func defaultHat(_ kind: HatKind, coop: ID<Coop>, circle: ID<Circle>?, env: Effects)
    -> Hat
  {
    Hat(
      id: ID(env.newID()), coopID: coop, circleID: circle, kind: kind, name: kind.defaultName,
      purpose: kind.defaultPurpose, accountabilities: kind.defaultAccountabilities)
  }

  /// Inserts an account, turning a clash on the unique email into a message at the email field.
  static func insertAccount(
    _ account: Account, passwordHash: String?, at now: Date, field: String = "email",
    on db: any Database
  ) async throws {
    if let email = account.email,
      try await AccountRow.query(on: db).filter(\.$coopID == account.coopID.rawValue).filter(\.$email == email)
        .first() != nil
    {
      throw CareError.conflict(FieldError(field, "An account with this email address already exists"))
    }
    try await AccountRow(account, passwordHash: passwordHash, createdAt: now).create(on: db)
  }

  /// A transaction that turns a constraint failure (two writers racing on one email) into a
  /// domain conflict rather than a 500.
  func writeChecked<T: Sendable>(
    conflict: FieldError = FieldError("email", "That clashes with something already saved"),
    _ body: @escaping @Sendable (any Database) async throws -> T
  ) async throws -> T {
    do {
      return try await write(body)
    } catch StoreError.constraint(let name) {
      throw Self.constraintErrors[name] ?? CareError.conflict(conflict)
    }
  }

  /// What each named constraint means to the person whose change it refused (names as the migrations give
  /// them; `ConstraintName` reads them off either engine's error).
  static let constraintErrors: [String: CareError] = [
    "team_memberships_one_open": .conflict(FieldError("email", "They are already in the team or invited")),
    "accounts_email_per_coop": .conflict(FieldError("email", "An account with this email address already exists")),
    "hat_holdings_one_open": .conflict(handoverClash),
    "uq:members.account_id": .conflict(FieldError("email", "They are already a member")),
    "first_run_pkey": .notFound,
    "engagements_one_open": .conflict(
      FieldError("startedOn", "The engagement was changed somewhere else at the same moment: look again")),
    "access_grants_one_open": .conflict(
      FieldError("reason", "An override was started at the same moment: look again")),
    "support_patterns_one_version_number": .conflict(
      FieldError("version", "Someone else changed the visits at the same moment: look again")),
    "consent_zones_one_version_number": .conflict(
      FieldError("version", "This was changed somewhere else at the same moment: look again")),
    "rota_weeks_one_number": .conflict(
      FieldError("week", "Someone else started a plan for this week at the same moment: look again")),
    "override_reviews_once": .conflict(FieldError("outcome", "Someone has reviewed this override already")),
    "ballot_receipts_one_per_member": .conflict(
      FieldError("ranking", "You have voted already: to change your ballot, use the code you were given")),
    "secret_ballots_one_per_code": .conflict(
      FieldError("ranking", "Another ballot went in at the same moment: try again")),
    "team_says_one_version": .conflict(
      FieldError("say", "This was changed somewhere else at the same moment: look again")),
    "team_outcomes_once": .conflict(FieldError("choice", "This was decided at the same moment: look again")),
    "rota_weeks_one_planning": .conflict(
      FieldError("week", "The rota engine is already planning a week for this circle: wait for it, or stop it")),
  ]
}
