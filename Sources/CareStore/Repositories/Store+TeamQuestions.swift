import CareCore
import FluentKit
import Foundation

final class ProposalTeamRow: Model, @unchecked Sendable {
  static let schema = "proposal_teams"
  @IDProperty<ProposalTeamRow, UUID>(key: .id) var id: UUID?
  @Field(key: "proposal_id") var proposalID: UUID
  @Field(key: "person_id") var personID: UUID
  init() {}
}

/// Questions put to one person's team: which proposals are a team's.
extension Store {
  static func keepTeam(_ proposal: UUID, _ person: ID<Person>, env: Effects, on db: any Database) async throws {
    let row = ProposalTeamRow()
    (row.id, row.proposalID, row.personID) = (env.newID(), proposal, person.rawValue)
    try await row.create(on: db)
  }

  /// Each proposal's team, for those put to one.
  static func teams(of ids: [UUID], on db: any Database) async throws -> [UUID: ID<Person>] {
    guard !ids.isEmpty else { return [:] }
    return Dictionary(
      uniqueKeysWithValues: try await ProposalTeamRow.query(on: db).filter(\.$proposalID ~~ ids).all().map {
        ($0.proposalID, CareCore.ID($0.personID))
      })
  }
}
