import CareCore
import Foundation
import Rota
import Testing

@testable import CareRota

@Suite("Cover: who could take a visit its worker cannot make")
struct CoverTests {
  static let fay = ID<Account>(UUID(uuidString: "00000000-0000-0000-0000-00000000000f")!)
  static let gus = ID<Account>(UUID(uuidString: "00000000-0000-0000-0000-000000000010")!)

  /// The town, with two workers from outside Alan's team: Fay covers in the circle, Gus does not.
  static var week: WeekToPlan {
    var week = Town.week
    var covers = Town.zone()
    covers.coversInCircle = true
    week.workers += [Town.worker(fay, "Fay", zone: covers), Town.worker(gus, "Gus")]
    return week
  }

  @Test func theBackupComesFirstThenTheTeamThenCircleCoverersAndNobodyElse() throws {
    let week = Self.week
    let planner = WeekPlanner()
    let (planned, _, _) = planner.plan(week, options: Town.quick)
    let kept = Self.kept(planned)
    let monday = Day(year: 2026, month: 12, day: 7)!
    // Alan's Monday morning visit; its worker cannot come.
    let visit = try #require(kept.first { $0.person == Town.alan && $0.day == monday && $0.pattern == 0 })
    let found = planner.coverCandidates(week, plan: kept, uncovered: [visit], without: visit.worker)
    let candidates = try #require(found[visit])
    #expect(!candidates.isEmpty)
    #expect(!candidates.contains { $0.worker == visit.worker })
    #expect(!candidates.contains { $0.worker == Town.erin }, "Alan declined Erin")
    #expect(!candidates.contains { $0.worker == Town.chloe }, "Chloe does not work in homes with pets")
    #expect(!candidates.contains { $0.worker == Self.gus }, "Gus is not in Alan's team and does not cover")
    #expect(candidates.map(\.tier) == candidates.map(\.tier).sorted(), "closest to Alan first")
    if visit.worker != Town.dev {
      #expect(candidates.first?.worker == Town.dev)
      #expect(candidates.first?.tier == .backup)
    }
    #expect(candidates.contains { $0.worker == Self.fay && $0.tier == .circle })
    let rest = kept.filter { $0 != visit }
    for c in candidates {
      #expect(c.start >= 8 * 60 && c.start <= 8 * 60 + 45 + 30, "within Alan's window and flexibility")
      #expect(planner.whyNot(move: visit, to: c.worker, at: c.start, in: week, plan: rest, asCover: true) == [])
    }
    // Outside cover, Fay may not be given Alan's visit: she is not in his team.
    #expect(
      planner.whyNot(move: visit, to: Self.fay, at: visit.start, in: week, plan: rest).contains {
        $0.contains("not in Alan's team")
      })
  }

  @Test func aWorkerAwayForADayHasEachOfTheirVisitsOffered() throws {
    let week = Self.week
    let planner = WeekPlanner()
    let (planned, _, _) = planner.plan(week, options: Town.quick)
    let kept = Self.kept(planned)
    let monday = Day(year: 2026, month: 12, day: 7)!
    let busiest = try #require(
      Dictionary(grouping: kept.filter { $0.day == monday }, by: \.worker).max { $0.value.count < $1.value.count })
    let found = planner.coverCandidates(week, plan: kept, uncovered: busiest.value, without: busiest.key)
    #expect(Set(found.keys) == Set(busiest.value))
    for (_, candidates) in found { #expect(!candidates.contains { $0.worker == busiest.key }) }
  }

  static func kept(_ planned: PlannedWeek) -> [VisitOnPlan] {
    var slots: [String: Int] = [:]
    return planned.visits.map { v in
      let place = "\(v.person)/\(v.pattern)/\(v.day.iso)"
      let slot = slots[place, default: 0]
      slots[place] = slot + 1
      return VisitOnPlan(person: v.person, pattern: v.pattern, slot: slot, day: v.day, start: v.start, worker: v.worker)
    }
  }
}

@Suite("The week file written from the co-op's week")
struct WeekFileTests {
  @Test func writingAndReadingTheWeekGivesTheSameProblem() throws {
    var week = Town.week
    // A pair one after the other, so the gaps travel too.
    week.people[1].pattern.visits[0].together = false
    let planner = WeekPlanner()
    let (_, built, plan) = planner.plan(week, options: Town.quick)
    let data = try CoopWeekWriter.write(built.problem)
    let read = try CoopWeekReader.read(data: data, file: "exported.week.json")
    #expect(read.services.count == built.problem.services.count)
    #expect(read.shifts == built.problem.shifts)
    #expect(read.syncs.map { [$0.minGap, $0.maxGap] } == built.problem.syncs.map { [$0.minGap, $0.maxGap] })
    #expect(read.team == built.problem.team)
    #expect(read.backup == built.problem.backup)
    let before = Evaluator.evaluate(built.problem, plan)
    let after = Evaluator.evaluate(read, plan)
    #expect(before.violations == [])
    #expect(after.violations == before.violations)
    #expect(abs(after.cost.objective - before.cost.objective) < 1e-9)
    // A plan that breaks a rule breaks it in both.
    var bad = plan
    if let r = bad.routes.firstIndex(where: { !$0.isEmpty }),
      let other = bad.routes.indices.first(where: {
        $0 != r && built.problem.shifts[$0].day == built.problem.shifts[r].day
      })
    {
      bad.routes[other].append(bad.routes[r].removeFirst())
      #expect(Evaluator.evaluate(read, bad).violations == Evaluator.evaluate(built.problem, bad).violations)
    }
    #expect(!String(decoding: data, as: UTF8.self).contains("Alan"), "no names leave the co-op in the file")
  }
}
