import CareCore
import Foundation

/// The demo co-op's concerns: the family member's, about late visits to the person (so part of the person's
/// records), acknowledged by the registered manager;
/// and a compliment from the person, given its outcome.
extension Cases {
  @discardableResult
  public func seedDemoConcerns(_ demo: DemoCoop) async throws -> Concern {
    let family = try await requester(for: demo.family)
    let admin = try await requester(for: demo.admin)
    let concern = try await raiseConcern(
      NewConcern(
        kind: ConcernKind.concern.rawValue, title: "Visits running late on Tuesdays",
        text: "The morning visit has been more than half an hour late three Tuesdays running.",
        about: demo.person.id.description),
      by: family)
    try await moveConcern(
      concern.id,
      NewConcernStep(
        state: ConcernState.acknowledged.rawValue, note: "Thank you: we are looking at the Tuesday route."),
      by: admin)
    let compliment = try await raiseConcern(
      NewConcern(
        kind: ConcernKind.compliment.rawValue, title: "Thank you to my team",
        text: "They helped me get to the football every week this month."),
      by: try await requester(for: demo.personAccount))
    try await moveConcern(
      compliment.id,
      NewConcernStep(state: ConcernState.outcome.rawValue, note: "Shared with the team at their circle meeting."),
      by: admin)
    return concern
  }
}
