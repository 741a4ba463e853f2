import CareCore
import Foundation

/// The demo person's team decides by consent: the person set it so; their worker proposed a change to the
/// risks section of the plan, the person said yes, and their sister consents with a concern — the rest of
/// the team has until the time runs out to object.
extension Cases {
  @discardableResult
  public func seedDemoTeamSay(_ demo: DemoCoop) async throws -> TeamDecision {
    let person = try await requester(for: demo.personAccount)
    let worker = try await requester(for: demo.teamWorker)
    let family = try await requester(for: demo.family)
    try await setTeamSay(TeamSay.teamConsent.rawValue, person: demo.person.id, by: person)
    let plan = try await supportPlan(demo.person.id, by: worker)
    let change = try await proposePlanChange(
      demo.person.id, section: PlanSection.risks.rawValue, basedOn: plan.plan.section(.risks).version,
      text: "Crossing busy roads: hold the bus timetable, not my hand; stop at the kerb together.",
      note: "After the walk to the Shay", by: worker)
    let say = try await teamSay(demo.person.id, by: person)
    guard let decision = say.decisions.first(where: { $0.subjectID == change.id.rawValue }) else {
      throw CareError.notFound
    }
    try await answerTeamDecision(decision.id, choice: "yes", reason: "", person: demo.person.id, by: person)
    return try await answerTeamDecision(
      decision.id, choice: TeamChoice.concern.rawValue, reason: "Fine by me, but let's try it on a quiet road first.",
      person: demo.person.id, by: family)
  }
}
