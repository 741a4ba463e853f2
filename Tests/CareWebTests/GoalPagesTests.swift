import CareCases
import CareCore
import CareTestSupport
import Foundation
import PropertyBased
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// Goals through the real server, on both engines: the plan shows each goal with its chart; the person adds
/// one from the plan (one step a line); a worker ticks a step on the goal's page and a second tick comes
/// back with the error summary; only the person and arranger see the forms to add steps and mark the goal
/// achieved; the phone does the same through the API. And the chart's geometry, for any history.
@Suite("Pages: goals in small steps")
struct GoalPagesTests {
  @Test(arguments: Engine.allCases)
  func thePersonSetsAGoalAndAWorkerTicksItsSteps(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let demoGoal = try await t.app.care.cases.seedDemoGoal(demo)
      let plan = "/teams/\(demo.person.id)/plan"
      let person = try await t.session(for: demo.personAccount)
      let worker = try await t.session(for: demo.teamWorker)
      // The plan shows the goal, its steps done and its chart; the person may add a goal.
      var text = try await t.send(.GET, plan, session: person).text
      #expect(text.contains(##"<a href="\##(plan)/goals/\##(demoGoal.id)">Go to the football"##))
      #expect(text.contains("Working on it. 1 of 3 steps done.") && text.contains(#"<svg class="goal-chart""#))
      #expect(text.contains("<summary>Add a goal</summary>"))
      #expect(!(try await t.send(.GET, plan, session: worker).text.contains("<summary>Add a goal</summary>")))
      // On paper too: the goal's steps, done or to do, and its chart.
      let print = try await t.send(.GET, "\(plan)/print?section=goals", session: person).text
      #expect(print.contains("Done: </strong>Buy a season ticket") && print.contains(#"<svg class="goal-chart""#))
      // A goal without words comes back with the summary and the form open.
      let empty = try await t.send(.POST, "\(plan)/goals", session: person, form: ["title": " ", "steps": "x"])
      #expect(empty.status == .unprocessableEntity)
      #expect(empty.text.contains(##"<a href="#title">Enter the goal</a>"##) && empty.text.contains(#"open="open""#))
      // One step a line; blank lines are left out.
      let added = try await t.send(
        .POST, "\(plan)/goals", session: person,
        form: ["title": "Cook a roast dinner", "steps": "Choose the meat\r\n\r\nPeel the potatoes\r\n"])
      #expect(added.status == .seeOther)
      let page = try #require(added.headers.first(name: .location)?.split(separator: "?").first.map(String.init))
      text = try await t.send(.GET, page, session: person).text
      #expect(text.contains("<h1>Goal: Cook a roast dinner</h1>"))
      #expect(text.contains("To do: </strong>Choose the meat") && text.contains("To do: </strong>Peel the potatoes"))
      #expect(text.contains("Add the step") && text.contains("Achieved, or set aside?"))
      // The worker ticks the first step from its button; the page says so.
      let ticked = try await t.send(.POST, "\(page)/progress", session: worker, form: ["kind": "done", "step": "1"])
      #expect(ticked.status == .seeOther && ticked.headers.first(name: .location) == "\(page)?noted")
      text = try await t.send(.GET, "\(page)?noted", session: worker).text
      #expect(text.contains("Saved: the progress is noted.") && text.contains("Done: </strong>Choose the meat"))
      #expect(text.contains("“Choose the meat” done") && text.contains("1 of 2 steps done."))
      // Only the person and arranger shape the goal.
      #expect(!text.contains("Add the step") && !text.contains("Achieved, or set aside?"))
      // A second tick: refused, at the step's field, nothing written.
      let again = try await t.send(.POST, "\(page)/progress", session: worker, form: ["kind": "done", "step": "1"])
      #expect(again.status == .conflict && again.text.contains(##"<a href="#step">Step 1 is already done</a>"##))
      // A note with no words.
      let blank = try await t.send(.POST, "\(page)/progress", session: worker, form: ["kind": "note", "note": ""])
      #expect(blank.status == .unprocessableEntity && blank.text.contains(##"<a href="#note">Enter what happened"##))
      // The person marks it achieved; the worker's tick buttons go.
      let done = try await t.send(
        .POST, "\(page)/status", session: person, form: ["status": "achieved", "statusNote": "Sunday lunch!"])
      #expect(done.status == .seeOther)
      text = try await t.send(.GET, page, session: worker).text
      #expect(text.contains("Achieved on ") && !text.contains("Mark done") && text.contains("<p>Sunday lunch!</p>"))
    }
  }

  @Test(arguments: Engine.allCases)
  func thePhoneSetsAndTicksGoalsThroughTheAPI(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let goals = "/api/v1/teams/\(demo.person.id)/plan/goals"
      let phone = try await t.session(for: demo.personAccount, kind: "api")
      let workerPhone = try await t.session(for: demo.teamWorker, kind: "api")
      let made = try await t.send(
        .POST, goals, bearer: phone, json: #"{"title":"Swim a length","steps":["Find my goggles","Go with Sam"]}"#)
      #expect(made.status == .created)
      let goal = try JSONDecoder().decode(GoalJSON.self, from: Data(made.text.utf8))
      #expect(goal.steps.map(\.done) == [false, false] && goal.status == "working")
      let ticked = try await t.send(
        .POST, "\(goals)/\(goal.id)/progress", bearer: workerPhone, json: #"{"kind":"done","step":2}"#)
      #expect(ticked.status == .created && ticked.text.contains(#""done":true"#))
      let again = try await t.send(
        .POST, "\(goals)/\(goal.id)/progress", bearer: workerPhone, json: #"{"kind":"done","step":2}"#)
      #expect(again.status == .conflict)
      // A worker may not add a step or say it is achieved.
      #expect(
        try await t.send(.POST, "\(goals)/\(goal.id)/steps", bearer: workerPhone, json: #"{"text":"More"}"#).status
          == .forbidden)
      let status = try await t.send(
        .PUT, "\(goals)/\(goal.id)/status", bearer: phone, json: #"{"status":"set-aside","note":"Pool closed"}"#)
      #expect(status.status == .ok && status.text.contains(#""status":"set-aside""#))
      let list = try await t.send(.GET, goals, bearer: workerPhone)
      #expect(list.status == .ok && list.text.contains(#""title":"Swim a length""#))
    }
  }

  struct GoalJSON: Decodable {
    struct Step: Decodable {
      let number: Int
      let done: Bool
    }
    let id: String
    let status: String
    let steps: [Step]
  }

  /// A known history drawn: set with two steps on day 0, one done on day 5, a third step on day 5 too, a note
  /// on day 8, drawn on day 10. Time runs left to right over the plot's 540 units.
  @Test func theChartDrawsAKnownHistory() {
    let start = Date(timeIntervalSince1970: 1_780_000_000)
    let day = 86_400.0
    let who = ID<Account>(UUID())
    let goal = PlanGoal(
      id: ID(UUID()), personID: ID(UUID()), title: "Swim", createdBy: who, createdAt: start,
      steps: [
        GoalStep(number: 1, text: "a", addedBy: who, addedAt: start),
        GoalStep(number: 2, text: "b", addedBy: who, addedAt: start),
        GoalStep(number: 3, text: "c", addedBy: who, addedAt: start + 5 * day),
      ],
      entries: [
        GoalEntry(id: ID(UUID()), kind: .stepDone, step: 1, note: "", by: who, at: start + 5 * day),
        GoalEntry(id: ID(UUID()), kind: .note, step: nil, note: "went well", by: who, at: start + 8 * day),
      ])
    let g = GoalChartGeometry(goal: goal, now: start + 10 * day)
    #expect(g.most == 3)
    // x: 44 + days/10 × 540; y: 16 + 164 − n/3 × 164.
    #expect(GoalChartGeometry.polyline(g.done) == "44,180 314,180 314,125.3 476,125.3 476,125.3 584,125.3")
    #expect(GoalChartGeometry.polyline(g.steps) == "44,70.7 314,70.7 314,16 476,16 476,16 584,16")
    #expect(g.notes == [.init(x: 476, y: 125.3)])
    #expect(GoalChart(goal: goal, now: start + 10 * day).summary.contains("1 of 3 steps done. Last change on"))
  }

  /// Any history of ticks, unticks, notes and added steps: every point lies inside the plot, time never runs
  /// backwards, and the done line is never above the line of steps there were.
  @Test func theChartStaysInsideItsBoxForAnyHistory() async {
    await propertyCheck(input: Gen.int(in: 0...Int(Int32.max)), Gen.int(in: 1...40)) { seed, length in
      var state = UInt64(seed) &+ 1
      func next(_ n: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(n))
      }
      let start = Date(timeIntervalSince1970: 1_780_000_000)
      let who = ID<Account>(UUID())
      var at = start
      var steps = [GoalStep(number: 1, text: "a", addedBy: who, addedAt: start)]
      var entries: [GoalEntry] = []
      var done = Set<Int>()
      for _ in 0..<length {
        at += Double(next(3) * 86_400 + next(3_600))
        switch next(4) {
        case 0 where steps.count < PlanGoal.mostSteps:
          steps.append(GoalStep(number: steps.count + 1, text: "s", addedBy: who, addedAt: at))
        case 1:
          let step = next(steps.count) + 1
          let kind: GoalEntry.Kind = done.contains(step) ? .stepNotDone : .stepDone
          if kind == .stepDone { done.insert(step) } else { done.remove(step) }
          entries.append(GoalEntry(id: ID(UUID()), kind: kind, step: step, note: "", by: who, at: at))
        default:
          entries.append(GoalEntry(id: ID(UUID()), kind: .note, step: nil, note: "n", by: who, at: at))
        }
      }
      let goal = PlanGoal(
        id: ID(UUID()), personID: ID(UUID()), title: "g", createdBy: who, createdAt: start, steps: steps,
        entries: entries)
      #expect(goal.done == done)
      #expect(goal.progress.allSatisfy { $0.done >= 0 && $0.done <= $0.steps })
      let g = GoalChartGeometry(goal: goal, now: at + Double(next(5) * 86_400))
      let all = g.done + g.steps + g.notes
      let xs = GoalChartGeometry.left...(GoalChartGeometry.width - GoalChartGeometry.right)
      let ys = GoalChartGeometry.top...(GoalChartGeometry.height - GoalChartGeometry.bottom)
      #expect(all.allSatisfy { xs.contains($0.x) && ys.contains($0.y) })
      #expect(zip(g.done, g.done.dropFirst()).allSatisfy { $0.x <= $1.x })
      #expect(g.done.count == g.steps.count && zip(g.done, g.steps).allSatisfy { $0.y >= $1.y && $0.x == $1.x })
    }
  }
}
