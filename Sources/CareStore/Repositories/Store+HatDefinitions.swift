import CareCore
import FluentKit
import Foundation

final class ProposalHatDefinitionRow: Model, @unchecked Sendable {
  static let schema = "proposal_hat_definitions"
  @IDProperty<ProposalHatDefinitionRow, UUID>(key: .id) var id: UUID?
  @Field(key: "proposal_id") var proposalID: UUID
  @Field(key: "hat_id") var hatID: UUID
  @Field(key: "purpose") var purpose: String
  /// One accountability a line, as the hats table keeps them.
  @Field(key: "accountabilities") var accountabilities: String
  @Field(key: "takes_effect") var takesEffect: String
  init() {}
}

final class HatDefinitionRow: Model, @unchecked Sendable {
  static let schema = "hat_definitions"
  @IDProperty<HatDefinitionRow, UUID>(key: .id) var id: UUID?
  @Field(key: "hat_id") var hatID: UUID
  @Field(key: "purpose") var purpose: String
  @Field(key: "accountabilities") var accountabilities: String
  @Field(key: "from_day") var fromDay: String
  @Field(key: "proposal_id") var proposalID: UUID
  @Field(key: "recorded_at") var recordedAt: Date
  init() {}

  var value: DecidedDefinition {
    get throws {
      DecidedDefinition(
        hatID: CareCore.ID(hatID),
        definition: HatDefinition(purpose: purpose, accountabilities: lines(accountabilities)),
        from: try StoreError.known(Day(iso: fromDay), "hat_definitions.from_day", fromDay),
        proposalID: CareCore.ID(proposalID), recordedAt: recordedAt)
    }
  }
}

private func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

/// A hat's definition by decision: the new words a proposal carries, and once it passes, the definition in
/// force from its day (read by the day, as the co-op's settings are).
extension Store {
  /// Every definition decisions gave the co-op's hats, oldest first.
  public func decidedDefinitions(coop: ID<Coop>) async throws -> [DecidedDefinition] {
    let hats = try await HatRow.query(on: db).filter(\.$coopID == coop.rawValue).all().compactMap(\.id)
    guard !hats.isEmpty else { return [] }
    return try await HatDefinitionRow.query(on: db).filter(\.$hatID ~~ hats).all().map { try $0.value }
      .sorted { ($0.from, $0.recordedAt) < ($1.from, $1.recordedAt) }
  }

  static func keepRedefinition(
    _ proposal: UUID, _ new: HatRedefinition, from day: Day, env: Effects, on db: any Database
  ) async throws {
    let row = ProposalHatDefinitionRow()
    (row.id, row.proposalID, row.hatID, row.takesEffect) = (env.newID(), proposal, new.hatID.rawValue, day.iso)
    (row.purpose, row.accountabilities) = (
      new.definition.purpose, new.definition.accountabilities.joined(separator: "\n")
    )
    try await row.create(on: db)
  }

  /// Each proposal's new hat definition and the day it would take effect, for those that carry one.
  static func redefinitions(of ids: [UUID], on db: any Database) async throws
    -> [UUID: (redefinition: HatRedefinition, from: Day)]
  {
    guard !ids.isEmpty else { return [:] }
    return Dictionary(
      uniqueKeysWithValues: try await ProposalHatDefinitionRow.query(on: db).filter(\.$proposalID ~~ ids).all().map {
        (
          $0.proposalID,
          (
            HatRedefinition(
              hatID: CareCore.ID($0.hatID),
              definition: HatDefinition(purpose: $0.purpose, accountabilities: lines($0.accountabilities))),
            try StoreError.known(
              Day(iso: $0.takesEffect), "proposal_hat_definitions.takes_effect", $0.takesEffect)
          )
        )
      })
  }

  /// A passed decision's new definition, kept as the hat's from `day`.
  static func applyRedefinition(
    _ proposal: Proposal, _ new: HatRedefinition, from day: Day, env: Effects, on db: any Database
  ) async throws {
    let row = HatDefinitionRow()
    (row.id, row.hatID, row.purpose) = (env.newID(), new.hatID.rawValue, new.definition.purpose)
    row.accountabilities = new.definition.accountabilities.joined(separator: "\n")
    (row.fromDay, row.proposalID, row.recordedAt) = (day.iso, proposal.id.rawValue, env.now())
    try await row.create(on: db)
  }
}
