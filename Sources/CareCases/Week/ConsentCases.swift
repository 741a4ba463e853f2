import CareCore
import CareRota
import CareStore
import Foundation

/// What a worker agrees to, as they keep it: the form's model.
public struct ConsentModel: Sendable {
  public let account: Account
  /// Nil until they first say.
  public let zone: ConsentZone?
  /// What the co-op has them trained for (kept by the co-op, shown so they know what they may be given).
  public let training: Set<VisitTask>
}

extension Cases {
  public func consent(by requester: Requester) async throws -> ConsentModel {
    let me = requester.account.id
    _ = try AccessPolicy.permit(requester, .changeConsentZone(coop: requester.coopID, worker: me))
    return ConsentModel(
      account: requester.account, zone: try await store.consentZone(account: me),
      training: try await store.training(account: me))
  }

  /// The worker changes what they agree to: a new version is kept (the old ones stay). A change that makes
  /// a published visit of theirs still to come break it never silently stands: each such visit goes to cover
  /// at once, with the reasons (the requests made come back).
  @discardableResult
  public func changeConsent(_ zone: ConsentZone, by requester: Requester) async throws -> [CoverRequest] {
    let me = requester.account.id
    let permit = try AccessPolicy.permit(requester, .changeConsentZone(coop: requester.coopID, worker: me))
    let zone = try zone.validated()
    // The published visits still to come (this week and the next three), and which of them fit now.
    let today = today
    let visits = try await store.publishedVisits(worker: me, from: today, through: today.adding(days: 27))
    let waiting = Set(try await store.coverAsked(worker: me, from: today).filter { $0.state == .open }.map(\.key))
    let weeks = Dictionary(grouping: visits.filter { !waiting.contains($0.key) }, by: \.weekID)
    var fittedBefore: [ID<RotaWeek>: Set<ID<RotaVisit>>] = [:]
    for (weekID, theirs) in weeks {
      guard let week = try await store.rotaWeek(weekID) else { continue }
      fittedBefore[weekID] = try await fitting(theirs, in: week, worker: me)
    }
    try await store.changeConsentZone(zone, permit: permit, env: effects)
    var made: [CoverRequest] = []
    for (weekID, theirs) in weeks.sorted(by: { $0.key.description < $1.key.description }) {
      guard let week = try await store.rotaWeek(weekID) else { continue }
      let before = fittedBefore[weekID] ?? []
      let after = try await fitting(theirs, in: week, worker: me)
      let broken = theirs.filter { before.contains($0.id) && !after.contains($0.id) }
      guard !broken.isEmpty else { continue }
      let ask = try AccessPolicy.permit(
        requester, .askCover(coop: requester.coopID, circle: week.circleID, worker: me))
      made += try await askForCover(
        broken, in: week, reason: "No longer fits what \(requester.account.name) agrees to", permit: ask)
    }
    return made
  }

  /// Which of the worker's visits on a published week break none of the week's rules as things are now.
  func fitting(_ visits: [RotaVisit], in week: RotaWeek, worker: ID<Account>) async throws -> Set<ID<RotaVisit>> {
    guard let facts = try await store.circleWeekFacts(week.circleID, coop: week.coopID, on: week.monday) else {
      return []
    }
    let (plan, _) = Self.weekToPlan(facts, monday: week.monday)
    let kept = try await store.visits(week: week.id)
    let planner = WeekPlanner()
    return Set(
      visits.filter { v in
        planner.whyNot(
          move: VisitOnPlan(v), to: worker, at: v.start, in: plan,
          plan: kept.filter { $0.id != v.id }.map(VisitOnPlan.init), asCover: true
        ).isEmpty
      }.map(\.id))
  }
}
