import CareCore
import Foundation

/// A co-op that decided privileged hats change hands only with a second holder's approval (a consent decision
/// closed yesterday, in force today), and a hand-over of the finance hat the administrator asked for, waiting.
/// Not part of the demo itself (its hand-overs stay one step); tests and the access matrix use it.
extension Cases {
  @discardableResult
  public func seedDemoSecondApproval(_ demo: DemoCoop) async throws -> HandoverRequest {
    let admin = try await requester(for: demo.admin)
    let permit = try AccessPolicy.permit(admin, .propose(coop: admin.coopID))
    let yesterday = today.adding(days: -1)
    let valid = try NewProposal(
      title: "A second pair of eyes on who holds the keys",
      text: "The registered manager, safeguarding leads and the finance hat change hands only when a second "
        + "hat holder approves.",
      kind: ProposalKind.consent.rawValue, share: nil, quorum: 0, closesOn: yesterday.iso
    ).changing([Setting.privilegedSecondApproval.rawValue: "yes"], from: today.iso)
      .validated(today: yesterday.adding(days: -7), members: 0)
    let closesAt = min(
      CoopCalendar.london.instant(on: today, atMinute: 0), effects.now().addingTimeInterval(-2 * Self.countGrace))
    _ = try await store.addProposal(
      valid, opensAt: closesAt.addingTimeInterval(-8 * 86_400), closesAt: closesAt,
      countJob: (JobKind.countPolls.rawValue, "{}", effects.now()), permit: permit, env: effects)
    try await countDuePolls()
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
