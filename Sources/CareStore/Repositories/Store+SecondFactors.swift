import CareCore
import FluentKit
import Foundation

final class SecondFactorRow: Model, @unchecked Sendable {
  static let schema = "second_factors"
  @IDProperty<SecondFactorRow, UUID>(key: .id) var id: UUID?
  @Field(key: "account_id") var accountID: UUID
  /// Base32, as the app was given it.
  @Field(key: "secret") var secret: String
  @Field(key: "created_at") var createdAt: Date
  init() {}
}

final class RecoveryCodeRow: Model, @unchecked Sendable {
  static let schema = "recovery_codes"
  @IDProperty<RecoveryCodeRow, UUID>(key: .id) var id: UUID?
  @Field(key: "factor_id") var factorID: UUID
  @Field(key: "code_hash") var codeHash: String
  init() {}
}

final class SecondFactorUseRow: Model, @unchecked Sendable {
  static let schema = "second_factor_uses"
  @IDProperty<SecondFactorUseRow, UUID>(key: .id) var id: UUID?
  @Field(key: "factor_id") var factorID: UUID
  @OptionalField(key: "step") var step: Int64?
  @OptionalField(key: "recovery_hash") var recoveryHash: String?
  @Field(key: "at") var at: Date
  init() {}
}

/// An account's second factor as kept: the app's secret (Base32), the last time step a code was used for,
/// and how many recovery codes are left.
public struct StoredSecondFactor: Sendable, Hashable {
  public let id: UUID
  public let secret: String
  public let createdAt: Date
  public let lastStep: UInt64?
  public let recoveryCodesLeft: Int
}

/// Second factors: the account's latest is the one in force. Turning one on keeps its secret, the hashes of
/// its recovery codes and the use of the code that proved it, together. A use is refused (a conflict) when the
/// code's time step or recovery code was used already, however close together the two requests.
extension Store {
  public func secondFactor(of account: ID<Account>) async throws -> StoredSecondFactor? {
    guard
      let row = try await SecondFactorRow.query(on: db).filter(\.$accountID == account.rawValue)
        .sort(\.$createdAt, .descending).sort(\.$id, .descending).first()
    else { return nil }
    let uses = try await SecondFactorUseRow.query(on: db).filter(\.$factorID == row.id!).all()
    let codes = try await RecoveryCodeRow.query(on: db).filter(\.$factorID == row.id!).count()
    return StoredSecondFactor(
      id: row.id!, secret: row.secret, createdAt: row.createdAt,
      lastStep: uses.compactMap(\.step).max().map { UInt64($0) },
      recoveryCodesLeft: codes - uses.filter { $0.recoveryHash != nil }.count)
  }

  /// Whether the factor has this recovery code (by hash), not yet used.
  public func recoveryCodeUnused(_ factor: UUID, hash: String) async throws -> Bool {
    guard
      try await RecoveryCodeRow.query(on: db).filter(\.$factorID == factor).filter(\.$codeHash == hash).first()
        != nil
    else { return false }
    return try await SecondFactorUseRow.query(on: db).filter(\.$factorID == factor)
      .filter(\.$recoveryHash == hash).first() == nil
  }

  public func keepSecondFactor(
    for account: Account, secret: String, firstStep: UInt64, recoveryHashes: [String], env: Effects
  ) async throws {
    try await write { db in
      let factor = SecondFactorRow()
      (factor.id, factor.accountID, factor.secret, factor.createdAt) = (
        env.newID(), account.id.rawValue, secret, env.now()
      )
      try await factor.create(on: db)
      for hash in recoveryHashes {
        let code = RecoveryCodeRow()
        (code.id, code.factorID, code.codeHash) = (env.newID(), factor.id!, hash)
        try await code.create(on: db)
      }
      let use = SecondFactorUseRow()
      (use.id, use.factorID, use.step, use.at) = (env.newID(), factor.id!, Int64(firstStep), env.now())
      try await use.create(on: db)
      try await Self.append(
        .turnOnSecondFactor, coop: account.coopID, actor: account.id, detail: "\(recoveryHashes.count) recovery codes",
        env: env, on: db)
    }
  }

  /// Records a code's use: a time step, or a recovery code. Used already: a conflict, nothing written.
  public func useSecondFactor(
    _ factor: UUID, step: UInt64?, recoveryHash: String?, account: Account, env: Effects
  ) async throws {
    let used = CareError.conflict(FieldError("code", "That code has been used already: use a new one"))
    do {
      try await writeChecked(conflict: FieldError("code", "That code has been used already: use a new one")) { db in
        let use = SecondFactorUseRow()
        (use.id, use.factorID, use.step, use.recoveryHash, use.at) = (
          env.newID(), factor, step.map(Int64.init), recoveryHash, env.now()
        )
        try await use.create(on: db)
        try await Self.append(
          .useSecondFactor, coop: account.coopID, actor: account.id,
          detail: recoveryHash == nil ? "authenticator app" : "a recovery code", env: env, on: db)
      }
    } catch CareError.conflict {
      throw used
    }
  }
}
