import CareCore
import Foundation

/// A co-op that decided privileged hats change hands only with a second holder's approval (a consent decision
/// closed yesterday, in force today), and a hand-over of the finance hat the administrator asked for, waiting.
/// Not part of the demo itself (its hand-overs stay one step); tests and the access matrix use it.
extension Cases {
  @discardableResult
  public func seedDemoSecondApproval(_ demo: DemoCoop) async throws -> HandoverRequest {
    let admin = try await requester(for: demo.admin)
    try await passDemoDecision(
      demo, title: "A second pair of eyes on who holds the keys",
      text: "The registered manager, safeguarding leads and the finance hat change hands only when a second "
        + "hat holder approves.",
      changes: [.privilegedSecondApproval: "yes"])
    guard let finance = try await store.hats(coop: demo.coop.id).first(where: { $0.hat.kind == .finance }) else {
      throw CareError.notFound
    }
    let done = try await handOver(
      finance.hat.id,
      Handover(
        toAccountID: demo.teamWorker.id.description, termStart: today.iso, termEnd: nil,
        replacing: finance.history.first { $0.0.endedOn == nil }?.0.id.description ?? ""),
      by: admin)
    guard let waiting = done.waiting else { throw CareError.notFound }
    return waiting
  }
}
