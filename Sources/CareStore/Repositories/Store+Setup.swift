import CareCore
import FluentKit
import Foundation

extension Store {
  /// True until the first co-op has been set up: the web shows the setup page until then.
  public func needsSetup() async throws -> Bool {
    try await CoopRow.query(on: db).count() == 0
  }

  /// Creates a co-op, its first administrator and the co-op-wide hats, in one transaction.
  public func setUpCoop(_ setup: CoopSetup, passwordHash: String, env: Environment) async throws
    -> (Coop, Account)
  {
    let setup = try setup.validated()
    let coop = Coop(
      id: ID(env.newID()), name: setup.coopName, registeredNumber: setup.registeredNumber,
      address: setup.address)
    let admin = Account(
      id: ID(env.newID()), coopID: coop.id, name: setup.adminName, email: setup.adminEmail,
      isAdministrator: true)
    let now = env.now()
    try await writeChecked { db in
      try await CoopRow(coop, createdAt: now).create(on: db)
      try await Self.insertAccount(admin, passwordHash: passwordHash, at: now, on: db)
      for kind in HatKind.allCases where kind != .custom && !kind.isCircleHat {
        try await HatRow(Self.defaultHat(kind, coop: coop.id, circle: nil, env: env)).create(on: db)
      }
      try await Self.append(
        .setUpCoop, coop: coop.id, actor: admin.id, detail: coop.name, env: env, on: db)
    }
    return (coop, admin)
  }

  public func coop(_ id: ID<Coop>) async throws -> Coop? {
    try await CoopRow.find(id.rawValue, on: db)?.value
  }

  public func coops() async throws -> [Coop] {
    try await CoopRow.query(on: db).sort(\.$name).all().map(\.value)
  }

  static func defaultHat(_ kind: HatKind, coop: ID<Coop>, circle: ID<Circle>?, env: Environment)
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
      try await AccountRow.query(on: db).filter(\.$email == email).first() != nil
    {
      throw CareError.conflict(FieldError(field, "An account with this email address already exists"))
    }
    try await AccountRow(account, passwordHash: passwordHash, createdAt: now).create(on: db)
  }

  /// A transaction that turns a constraint failure (two writers racing on one email) into a
  /// domain conflict rather than a 500.
  func writeChecked<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T)
    async throws -> T
  {
    do {
      return try await write(body)
    } catch StoreError.constraint {
      throw CareError.conflict(FieldError("email", "That clashes with something already saved"))
    }
  }
}
