import CareCore
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// Goals in small steps on both engines: the person (or their arranger) sets a goal and its steps; anyone in
/// the team ticks steps off and notes progress; the person says when it is reached or set aside; every change
/// is a new row, so how the goal went can be drawn; outsiders learn nothing; each look is in the who-looked log.
@Suite("Use cases: goals in small steps")
struct GoalCasesTests {
  @Test(arguments: Engine.allCases)
  func aGoalIsSetInStepsAndItsProgressKept(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let person = demo.person.id
      let me = try await w.cases.requester(for: demo.personAccount)
      let arranger = try await w.cases.requester(for: demo.arranger)
      let family = try await w.cases.requester(for: demo.family)
      let worker = try await w.cases.requester(for: demo.teamWorker)
      let start = w.clock.env.now()
      // The person sets the goal; a worker may not (only propose through the plan's words).
      await #expect(throws: CareError.forbidden) {
        try await w.cases.addGoal(person, title: "Swim on my own", steps: [], by: worker)
      }
      var goal = try await w.cases.addGoal(
        person, title: "Swim on my own", steps: ["Find the pool's quiet hours", "Go with my sister"], by: me)
      #expect(goal.steps.map(\.number) == [1, 2] && goal.status == .working && goal.done.isEmpty)
      // A week later the worker ticks the first step; a second tick is refused, nothing written.
      w.clock.advance(7 * 86_400)
      goal = try await w.cases.addGoalProgress(
        person, goal: goal.id, kind: "done", step: 1, note: "Tuesdays at 2 are quiet", by: worker)
      #expect(goal.done == [1])
      await #expect(throws: CareError.conflict(FieldError("step", "Step 1 is already done"))) {
        try await w.cases.addGoalProgress(person, goal: goal.id, kind: "done", step: 1, note: nil, by: family)
      }
      await #expect(throws: CareError.invalid("step", "Choose one of the goal's steps")) {
        try await w.cases.addGoalProgress(person, goal: goal.id, kind: "done", step: 9, note: nil, by: family)
      }
      // A note needs words; a tick needs a step.
      await #expect(throws: CareError.invalid("note", "Enter what happened")) {
        try await w.cases.addGoalProgress(person, goal: goal.id, kind: "note", step: nil, note: " ", by: family)
      }
      await #expect(throws: CareError.invalid("step", "Choose the step")) {
        try await w.cases.addGoalProgress(person, goal: goal.id, kind: "done", step: nil, note: nil, by: family)
      }
      w.clock.advance(7 * 86_400)
      goal = try await w.cases.addGoalProgress(
        person, goal: goal.id, kind: "note", step: nil, note: "Went in the shallow end, loved it", by: family)
      // The arranger adds a step; a worker may not.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.addGoalStep(person, goal: goal.id, text: "Swim a length", by: worker)
      }
      w.clock.advance(86_400)
      goal = try await w.cases.addGoalStep(person, goal: goal.id, text: "Swim a length", by: arranger)
      #expect(goal.steps.map(\.number) == [1, 2, 3])
      // The first step turns out not done after all (the quiet hours changed), then is done again.
      w.clock.advance(86_400)
      goal = try await w.cases.addGoalProgress(
        person, goal: goal.id, kind: "not-done", step: 1, note: "The pool changed its hours", by: worker)
      #expect(goal.done.isEmpty)
      await #expect(throws: CareError.conflict(FieldError("step", "Step 1 is not marked done"))) {
        try await w.cases.addGoalProgress(person, goal: goal.id, kind: "not-done", step: 1, note: nil, by: worker)
      }
      // The next day both are ticked at once: one point on the chart.
      w.clock.advance(86_400)
      goal = try await w.cases.addGoalProgress(person, goal: goal.id, kind: "done", step: 1, note: nil, by: worker)
      goal = try await w.cases.addGoalProgress(person, goal: goal.id, kind: "done", step: 2, note: nil, by: worker)
      // How it went, point by point: set with 2 steps, one done, a note, a third step, undone, two done.
      #expect(goal.progress.map(\.done) == [0, 1, 1, 1, 0, 2])
      #expect(goal.progress.map(\.steps) == [2, 2, 2, 3, 3, 3])
      #expect(goal.progress.first?.at == start)
      // The person marks it achieved: no more ticks until it is picked up again.
      goal = try await w.cases.setGoalStatus(person, goal: goal.id, status: "achieved", note: "I did it!", by: me)
      #expect(goal.status == .achieved)
      await #expect(throws: CareError.conflict(FieldError("status", "The goal is already “achieved”"))) {
        try await w.cases.setGoalStatus(person, goal: goal.id, status: "achieved", note: nil, by: arranger)
      }
      await #expect(
        throws: CareError.conflict(FieldError("note", "The goal is “achieved”: pick it up again first"))
      ) {
        try await w.cases.addGoalProgress(person, goal: goal.id, kind: "done", step: 3, note: nil, by: worker)
      }
      await #expect(throws: CareError.forbidden) {
        try await w.cases.setGoalStatus(person, goal: goal.id, status: "working", note: nil, by: worker)
      }
      goal = try await w.cases.setGoalStatus(person, goal: goal.id, status: "working", note: nil, by: arranger)
      #expect(goal.status == .working && goal.done == [1, 2])
      // The plan carries the goal; the goal's page is in the who-looked log.
      #expect(try await w.cases.supportPlan(person, by: family).goals.map(\.title) == ["Swim on my own"])
      let model = try await w.cases.goal(person, goal: goal.id, by: family)
      #expect(model.mayNote && !model.mayShape && model.name(goal.entries[0].by) == demo.teamWorker.name)
      let log = try await w.store.auditEvents(coop: demo.coop.id, person: person, limit: 500)
      #expect(log.contains { $0.action == .viewPlan && $0.detail == "the goal “Swim on my own”" })
      #expect(log.filter { $0.action == .noteGoalProgress }.count == 5)
      #expect(log.contains { $0.action == .addGoal } && log.contains { $0.action == .addGoalStep })
      #expect(log.filter { $0.action == .setGoalStatus }.count == 2)
      // Nothing is edited or removed.
      let sql = w.store.writer as! any SQLDatabase
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE goal_entries SET note = 'x'").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM goal_steps").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE plan_goals SET title = 'x'").run() }
    }
  }

  @Test(arguments: Engine.allCases)
  func outsidersLearnNothingAndLimitsHold(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let person = demo.person.id
      let me = try await w.cases.requester(for: demo.personAccount)
      let goal = try await w.cases.seedDemoGoal(demo)
      // Another circle's worker: not found, for the goal and for ticking it; the rota keeper sees the team
      // but not its plan.
      let outsider = try await w.cases.requester(for: demo.otherCircleWorker)
      await #expect(throws: CareError.notFound) { try await w.cases.goal(person, goal: goal.id, by: outsider) }
      await #expect(throws: CareError.notFound) {
        try await w.cases.addGoalProgress(person, goal: goal.id, kind: "note", step: nil, note: "hi", by: outsider)
      }
      let keeper = try await w.cases.requester(for: demo.rotaKeeper)
      await #expect(throws: CareError.forbidden) { try await w.cases.goal(person, goal: goal.id, by: keeper) }
      // A goal of someone else's is not found through this person's address.
      let admin = try await w.cases.requester(for: demo.admin)
      let pat = try await w.cases.addPerson(
        NewPerson(
          name: "Pat Person", email: nil, circleID: try await w.store.circles(coop: demo.coop.id)[0].id.description,
          communicationNeeds: nil),
        by: admin)
      let other = try await w.cases.requester(for: pat.personAccount)
      let theirs = try await w.cases.addGoal(pat.person.id, title: "Learn to drive", steps: [], by: other)
      await #expect(throws: CareError.notFound) { try await w.cases.goal(person, goal: theirs.id, by: me) }
      await #expect(throws: CareError.notFound) {
        try await w.cases.addGoalStep(person, goal: theirs.id, text: "Theory test", by: me)
      }
      // Bad input, all at once; too many steps; too long.
      await #expect(
        throws: CareError.invalid([
          FieldError("title", "Enter the goal"), FieldError("steps", "Step 2 must not contain line breaks"),
        ])
      ) { try await w.cases.addGoal(person, title: "", steps: ["ok", "a\nb"], by: me) }
      await #expect(throws: CareError.invalid("steps", "A goal has at most 20 steps")) {
        try await w.cases.addGoal(person, title: "Big", steps: (1...21).map { "Step \($0)" }, by: me)
      }
      await #expect(throws: CareError.invalid("stepText", "The step must be 300 characters or fewer")) {
        try await w.cases.addGoalStep(person, goal: goal.id, text: String(repeating: "x", count: 301), by: me)
      }
      var full = try await w.cases.addGoal(person, title: "Many", steps: (1...19).map { "Step \($0)" }, by: me)
      full = try await w.cases.addGoalStep(person, goal: full.id, text: "Step 20", by: me)
      await #expect(throws: CareError.conflict(FieldError("stepText", "A goal has at most 20 steps"))) {
        try await w.cases.addGoalStep(person, goal: full.id, text: "Step 21", by: me)
      }
      #expect(try await w.cases.goal(person, goal: full.id, by: me).goal.steps.count == 20)
    }
  }

  /// Eight steps added at once to one goal: each gets its own number, none is lost.
  @Test(arguments: Engine.allCases)
  func stepsAddedAtOnceEachGetANumber(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let me = try await w.cases.requester(for: demo.personAccount)
      let goal = try await w.cases.addGoal(demo.person.id, title: "Cook a roast", steps: [], by: me)
      try await withThrowingTaskGroup(of: Void.self) { group in
        for i in 1...8 {
          group.addTask {
            _ = try await w.cases.addGoalStep(demo.person.id, goal: goal.id, text: "Step \(i)", by: me)
          }
        }
        try await group.waitForAll()
      }
      let steps = try await w.cases.goal(demo.person.id, goal: goal.id, by: me).goal.steps
      #expect(steps.map(\.number) == Array(1...8) && Set(steps.map(\.text)).count == 8)
    }
  }
}
