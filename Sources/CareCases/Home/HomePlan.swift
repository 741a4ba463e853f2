import CareCore
import CareStore
import Foundation

/// The person's plan at a glance, on their own home page: when it is next reviewed, how many changes wait,
/// and the goals they are working on with how far along each is.
public struct PlanAtAGlance: Sendable, Hashable {
  public struct Goal: Sendable, Hashable {
    public let id: ID<PlanGoal>
    public let title: String
    public let done: Int
    public let steps: Int
  }

  /// The day of the next review (nil: none set).
  public let reviewDue: Day?
  /// Changes proposed to the plan and not answered yet.
  public let changesWaiting: Int
  /// Whether the reader answers them (the person, or their arranger).
  public let mayAnswer: Bool
  /// The goals being worked on, oldest first.
  public let goals: [Goal]

  public init(reviewDue: Day?, changesWaiting: Int, mayAnswer: Bool, goals: [Goal]) {
    (self.reviewDue, self.changesWaiting, self.mayAnswer, self.goals) = (reviewDue, changesWaiting, mayAnswer, goals)
  }

  /// Nothing to tell: no review date, no change waiting, no goal being worked on.
  public var isEmpty: Bool { reviewDue == nil && changesWaiting == 0 && goals.isEmpty }
}

extension Cases {
  /// The plan at a glance for the person's own home page. Only the person's own team comes here, so it is
  /// their own reading of their own plan: it is not a line in their who-looked log (the plan page is).
  func planAtAGlance(_ facts: TeamFacts, by requester: Requester) async throws -> PlanAtAGlance? {
    guard facts.personAccountID == requester.account.id,
      let permit = try? AccessPolicy.permit(requester, .viewPlan(facts))
    else { return nil }
    let plan = try await store.supportPlan(permit: permit)
    let reviews = try await store.planReviews(permit: permit)
    let goals = try await store.goals(permit: permit).filter { $0.status == .working }
    return PlanAtAGlance(
      reviewDue: reviews.due, changesWaiting: plan.sections.reduce(0) { $0 + $1.waiting.count },
      mayAnswer: allows(requester, .answerPlanChange(facts)),
      goals: goals.map { .init(id: $0.id, title: $0.title, done: $0.done.count, steps: $0.steps.count) })
  }
}
