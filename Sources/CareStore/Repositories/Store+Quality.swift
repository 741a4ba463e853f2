import CareCore
import FluentKit
import Foundation
import SQLKit

/// How the co-op is doing, read for figures without names: every person's published visits (the latest
/// published version of each circle's week, covers included), whom each person chose to come (their team's
/// workers and backup workers), and when each person's plan review is due.
extension Store {
  /// The co-op's published visits between the days, as continuity counts them (a two-worker visit once).
  public func continuityVisits(permit: Permit, from: Day, through: Day) async throws -> [ContinuityVisit] {
    try Self.check(permit, .viewQuality)
    struct Row: Decodable {
      let person_id: UUID
      let day: String
      let worker_id: UUID
      let partner_id: UUID?
    }
    let rows = try await (db as! any SQLDatabase).raw(
      """
      SELECT v.person_id, v.day, v.worker_id, v.partner_id
      FROM rota_visits v JOIN rota_weeks w ON w.id = v.week_id
      WHERE w.coop_id = \(bind: permit.coopID.rawValue) AND v.slot = 0
        AND v.day >= \(bind: from.iso) AND v.day <= \(bind: through.iso)
        AND w.state = 'published'
        AND w.number = (SELECT MAX(n.number) FROM rota_weeks n
          WHERE n.circle_id = w.circle_id AND n.monday = w.monday AND n.state = 'published')
      """
    ).all(decoding: Row.self)
    return try rows.map { row in
      ContinuityVisit(
        person: CareCore.ID(row.person_id), day: try StoreError.known(Day(iso: row.day), "rota_visits.day", row.day),
        workers: [CareCore.ID(row.worker_id)] + [row.partner_id].compactMap { $0.map(CareCore.ID.init) })
    }
  }

  /// Each person's team workers and backup workers now (active members): whom they chose to come.
  public func chosenWorkers(permit: Permit) async throws -> [ID<Person>: Set<ID<Account>>] {
    try Self.check(permit, .viewQuality)
    struct Row: Decodable {
      let person_id: UUID
      let account_id: UUID
    }
    let rows = try await (db as! any SQLDatabase).raw(
      """
      SELECT m.person_id, m.account_id FROM team_memberships m JOIN people p ON p.id = m.person_id
      WHERE p.coop_id = \(bind: permit.coopID.rawValue) AND m.status = \(bind: TeamMembershipStatus.active.rawValue)
        AND m.relationship IN (\(bind: Relationship.worker.rawValue), \(bind: Relationship.backupWorker.rawValue))
      """
    ).all(decoding: Row.self)
    return Dictionary(grouping: rows, by: { CareCore.ID<Person>($0.person_id) }).mapValues {
      Set($0.map { CareCore.ID<Account>($0.account_id) })
    }
  }

  /// When each of the co-op's people's next plan review is due (nil: none set), one entry a person.
  public func reviewDueDays(permit: Permit) async throws -> [Day?] {
    try Self.check(permit, .viewQuality)
    let people = try await PersonRow.query(on: db).filter(\.$coopID == permit.coopID.rawValue).all(\.$id)
    let entries = try await PlanReviewRow.query(on: db).filter(\.$coopID == permit.coopID.rawValue).all()
      .map { try $0.value }
    let byPerson = Dictionary(grouping: entries, by: \.personID)
    return people.map { PlanReviews(entries: byPerson[CareCore.ID($0)] ?? []).due }
  }
}
