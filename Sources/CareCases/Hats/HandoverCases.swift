import CareCore
import CareStore
import Foundation

/// What the hand-over form did: handed the hat over at once, or (a privileged hat, when the members decided
/// so) asked a second hat holder to approve it.
public struct HandedOver: Sendable {
  public let hat: HatWithHolders
  public let waiting: HandoverRequest?
}

/// Hand-overs of privileged hats waiting for a second hat holder's approval.
extension Cases {
  /// Whether handing this hat over needs a second holder's approval today.
  func needsSecondApproval(_ hat: Hat, coop: ID<Coop>) async throws -> Bool {
    guard hat.kind.isPrivileged else { return false }
    return try await coopSettings(coop).value(.privilegedSecondApproval, on: today) != 0
  }

  /// Who may approve a request: administrators and the holders of privileged hats today, never the one who
  /// asked nor the one who would wear it.
  func approvers(coop: ID<Coop>, except: Set<ID<Account>>) async throws -> [ID<Account>] {
    let admins = try await store.accounts(coop: coop).filter(\.isAdministrator).map(\.id)
    let today = today
    let holders = try await store.hats(coop: coop).filter(\.hat.kind.isPrivileged)
      .flatMap { $0.current(on: today).map(\.1.id) }
    return Array(Set(admins + holders).subtracting(except)).sorted { $0.description < $1.description }
  }

  /// Keeps the request and tells those who may approve it.
  func askHandover(_ hat: HatWithHolders, _ input: Handover, permit: Permit, by requester: Requester) async throws
    -> HandoverRequest
  {
    let request = try await store.askHandover(hat.hat.id, input, permit: permit, env: effects)
    let name = try await store.account(request.to)?.name ?? "someone"
    try await tell(
      try await approvers(coop: requester.coopID, except: [request.askedBy, request.to]).map { to in
        NewMessage(
          to: to, subject: "A hand-over waits for your approval: \(hat.hat.name)",
          body: "\(requester.account.name) asks to hand “\(hat.hat.name)” to \(name) from "
            + "\(request.termStart.longText). It happens only when a second hat holder approves it, within "
            + "\(HandoverRequest.lapsesAfterDays) days.",
          link: links.hatPath(hat.hat.id))
      })
    return request
  }

  /// Approves ("approve") or refuses ("refuse") a request for the hat: administrators and privileged hat
  /// holders, never the asker nor the one who would wear it. The asker and the one named are told.
  @discardableResult
  public func answerHandover(
    _ id: ID<HandoverRequest>, hat hatID: ID<Hat>, answer: String?, reason: String?, by requester: Requester
  ) async throws -> HandoverRequest {
    let viewing = try AccessPolicy.permit(requester, .viewHats(coop: requester.coopID))
    guard let request = try await store.handoverRequest(id, permit: viewing), request.hatID == hatID else {
      throw CareError.notFound
    }
    let permit = try AccessPolicy.permit(
      requester, .approveHandover(coop: requester.coopID, askedBy: request.askedBy, to: request.to))
    var v = Validator()
    let approve: Bool? = answer == "approve" ? true : answer == "refuse" ? false : nil
    if approve == nil { v.add("answer", "Choose to approve the hand-over or refuse it") }
    let words = v.text(reason, field: "reason", label: "why", required: false, max: HandoverRequest.longestReason)
    try v.check()
    let answered = try await store.answerHandover(id, approve: approve!, reason: words, permit: permit, env: effects)
    let hatName = try await store.hat(hatID, coop: requester.coopID)?.hat.name ?? "a hat"
    try await tell(
      [request.askedBy, request.to].map { to in
        NewMessage(
          to: to, subject: "The hand-over of “\(hatName)” was \(approve! ? "approved" : "refused")",
          body: "\(requester.account.name) \(approve! ? "approved" : "refused") it."
            + (words.isEmpty ? "" : " Why: \(words)"),
          link: links.hatPath(hatID))
      })
    return answered
  }
}
