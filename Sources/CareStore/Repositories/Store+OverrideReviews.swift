import CareCore
import FluentKit
import Foundation

final class OverrideReviewRow: Model, @unchecked Sendable {
  static let schema = "override_reviews"
  @IDProperty<OverrideReviewRow, UUID>(key: .id) var id: UUID?
  @Field(key: "grant_id") var grantID: UUID
  @Field(key: "reviewer_id") var reviewerID: UUID
  @Field(key: "outcome") var outcome: String
  @Field(key: "note") var note: String
  @Field(key: "at") var at: Date
  init() {}

  var value: OverrideReview {
    get throws {
      OverrideReview(
        grantID: CareCore.ID(grantID), reviewerID: CareCore.ID(reviewerID),
        outcome: try StoreError.known(
          OverrideReview.Outcome(rawValue: outcome), "override_reviews.outcome", outcome),
        note: note, at: at)
    }
  }
}

/// Reviews of safeguarding overrides: one per override, by a second hat holder (the permit says who may; the
/// override must be on the permit's person). The review is a line in the person's log.
extension Store {
  public func reviewOverride(
    _ id: ID<AccessGrant>, outcome: OverrideReview.Outcome, note: String, permit: Permit, env: Effects
  ) async throws -> OverrideReview {
    guard case .reviewOverride(_, let holder) = permit.action, let person = permit.personID else {
      throw CareError.forbidden
    }
    let reviewed = FieldError("outcome", "Someone has reviewed this override already")
    return try await writeChecked(conflict: reviewed) { db in
      guard let grant = try await AccessGrantRow.find(id.rawValue, on: db), grant.personID == person.rawValue,
        grant.coopID == permit.coopID.rawValue, grant.holderID == holder.rawValue
      else { throw CareError.notFound }
      guard try await OverrideReviewRow.query(on: db).filter(\.$grantID == id.rawValue).first() == nil else {
        throw CareError.conflict(reviewed)
      }
      let row = OverrideReviewRow()
      (row.id, row.grantID, row.reviewerID) = (env.newID(), id.rawValue, permit.requester.account.id.rawValue)
      (row.outcome, row.note, row.at) = (outcome.rawValue, note, env.now())
      try await row.create(on: db)
      try await Self.append(
        .reviewOverride, coop: permit.coopID, actor: permit.requester.account.id, person: person,
        detail: "\(outcome.rawValue): \(note)", env: env, on: db)
      return try row.value
    }
  }

  /// The reviews of the person's overrides (a permit to see the team).
  public func overrideReviews(permit: Permit) async throws -> [ID<AccessGrant>: OverrideReview] {
    let grants = try await overrides(permit: permit).map(\.id.rawValue)
    guard !grants.isEmpty else { return [:] }
    return Dictionary(
      uniqueKeysWithValues: try await OverrideReviewRow.query(on: db).filter(\.$grantID ~~ grants).all().map {
        (CareCore.ID($0.grantID), try $0.value)
      })
  }

  /// The co-op's overrides not yet reviewed, oldest first, with their person's name: what the registered
  /// manager is shown (the use case decides who sees it).
  public func overridesAwaitingReview(coop: ID<Coop>) async throws -> [(AccessGrant, String)] {
    let rows = try await AccessGrantRow.query(on: db).filter(\.$coopID == coop.rawValue)
      .sort(\.$startsAt).all()
    guard !rows.isEmpty else { return [] }
    let reviewed = Set(
      try await OverrideReviewRow.query(on: db).filter(\.$grantID ~~ rows.compactMap(\.id)).all().map(\.grantID))
    let waiting = try rows.filter { !reviewed.contains($0.id!) }.map { try $0.value }
    let people = try await PersonRow.query(on: db).filter(\.$id ~~ waiting.map(\.personID.rawValue)).all()
    let names = try await accountNames(people.map { CareCore.ID($0.accountID) })
    return waiting.map { grant in
      let account = people.first { $0.id == grant.personID.rawValue }.map { CareCore.ID<Account>($0.accountID) }
      return (grant, account.flatMap { names[$0] } ?? "someone")
    }
  }
}
