import CareCore
import CareStore
import Foundation

extension Store {
  /// Publishes a week of `visits` for a circle as the rota keeper would, without the engine: a version started,
  /// its draft saved with empty figures, published with no messages. Its visits, as kept.
  @discardableResult
  public func publishWeek(monday: Day, visits: [NewRotaVisit], permit: Permit, env: Effects) async throws
    -> [RotaVisit]
  {
    let version = try await startPlanning(
      monday: monday, permit: permit, jobKind: "test.no-engine", payload: { _ in "{}" }, env: env)
    try await saveDraft(
      version.id, visits: visits,
      figures: WeekFigures(people: [], unfilled: [], travelMinutes: 0, shareWithinChoice: 1, notReady: []), env: env)
    guard let draft = try await rotaWeek(version.id) else { throw CareError.notFound }
    _ = try await publish(
      version.id, edits: draft.edits, permit: permit, messages: [],
      mailJob: MailJob(kind: "test.no-mail", payload: { _ in "{}" }), env: env)
    return try await self.visits(week: version.id)
  }
}
