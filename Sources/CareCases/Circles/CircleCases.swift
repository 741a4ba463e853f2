import CareCore
import CareStore
import Foundation

/// The circles list's model.
public struct CirclesModel: Sendable {
  public let circles: [Circle]
  public let mayManage: Bool
  /// The guide a new circle starts with unless its starter says otherwise (the co-op's setting today).
  public var guide: SizeGuide = .standard
}

/// One circle's page model: who is in it, whose teams the viewer may open, what they may do.
public struct CircleModel: Sendable {
  public let detail: CircleDetail
  public let visibleTeams: Set<ID<Person>>
  public let isMember: Bool
  public let mayJoin: Bool
  /// The circle's rota keeper (or an administrator) may draft its week.
  public let mayPlanWeek: Bool
  /// Administrators may split the circle when it grows too big.
  public let mayManage: Bool
  /// The decisions put to the circle, newest first, and whether the reader may put one.
  public var proposals: [Proposal] = []
  public var mayPropose = false
  public var now = Date.distantPast
  /// Every value the circle's own decisions gave its size guide, oldest first.
  public var guideHistory: [SettingEntry] = []
}

/// Circles: list, create, see one, and workers joining or leaving.
extension Cases {
  public func circles(by requester: Requester) async throws -> CirclesModel {
    try require(requester, .viewCircle(coop: requester.coopID))
    var model = CirclesModel(
      circles: try await store.circles(coop: requester.coopID),
      mayManage: allows(requester, .manageCircles(coop: requester.coopID)))
    model.guide = try await coopSettings(requester.coopID).sizeGuide(on: today)
    return model
  }

  public func createCircle(_ input: NewCircle, by requester: Requester) async throws -> Circle {
    let permit = try AccessPolicy.permit(requester, .manageCircles(coop: requester.coopID))
    return try await store.createCircle(
      try await withGuide(input, requester.coopID), permit: permit, env: effects)
  }

  /// A new circle's guide: as its starter gave it, or the co-op's setting today.
  private func withGuide(_ input: NewCircle, _ coop: ID<Coop>) async throws -> NewCircle {
    var input = input
    let guide = try await coopSettings(coop).sizeGuide(on: today)
    (input.maxWorkers, input.maxTeams) = (input.maxWorkers ?? guide.maxWorkers, input.maxTeams ?? guide.maxTeams)
    return input
  }

  public func circle(_ id: ID<Circle>, by requester: Requester) async throws -> CircleModel {
    let permit = try AccessPolicy.permit(requester, .viewCircle(coop: requester.coopID))
    guard var detail = try await store.circleDetail(id, permit: permit) else { throw CareError.notFound }
    // Its size guide as its own decisions set it, by the day.
    detail.circle.sizeGuide = try await circleGuide(detail.circle)
    // One query for every team's facts, then the policy for each (not one team load per person).
    let facts = try await store.teamFacts(for: detail.people.map(\.0))
    let visible = Set(facts.values.filter { allows(requester, .viewTeam($0)) }.map(\.personID))
    var model = CircleModel(
      detail: detail, visibleTeams: visible, isMember: requester.circleIDs.contains(id),
      mayJoin: allows(requester, .joinOrLeaveCircle(coop: requester.coopID)),
      mayPlanWeek: allows(requester, .planWeek(coop: requester.coopID, circle: id)),
      mayManage: allows(requester, .manageCircles(coop: requester.coopID)))
    if let reading = try? AccessPolicy.permit(requester, .viewProposals(coop: requester.coopID)) {
      model.proposals = try await store.proposals(permit: reading).filter { $0.circleID == id }.reversed()
      model.mayPropose = allows(requester, .propose(coop: requester.coopID))
      model.now = effects.now()
    }
    model.guideHistory = try await store.circleSettings(id).entries
    return model
  }

  /// Only workers join or leave, and only themselves.
  public func joinOrLeaveCircle(_ id: ID<Circle>, join: Bool, by requester: Requester) async throws {
    let permit = try AccessPolicy.permit(requester, .joinOrLeaveCircle(coop: requester.coopID))
    if join {
      try await store.joinCircle(id, permit: permit, env: effects)
    } else {
      try await store.leaveCircle(id, permit: permit, env: effects)
    }
  }

  /// The split form's model: the circle, its teams and workers (administrators).
  public func circleToSplit(_ id: ID<Circle>, by requester: Requester) async throws -> CircleDetail {
    let permit = try AccessPolicy.permit(requester, .manageCircles(coop: requester.coopID))
    guard let detail = try await store.circleDetail(id, permit: permit) else { throw CareError.notFound }
    return detail
  }

  /// Splits a circle: a new one, and the chosen teams and workers move to it.
  public func splitCircle(_ id: ID<Circle>, _ input: CircleSplit, by requester: Requester) async throws -> Circle {
    let permit = try AccessPolicy.permit(requester, .manageCircles(coop: requester.coopID))
    guard try await store.circleDetail(id, permit: permit) != nil else { throw CareError.notFound }
    var split = try input.validated()
    split.circle = try await withGuide(split.circle, requester.coopID)
    return try await store.splitCircle(id, split, permit: permit, env: effects)
  }
}
