import CareCore
import Foundation
import Rota

extension WeekPlanner {
  /// Who could take each visit a worker cannot make, found by the engine's repair (every other visit stays
  /// where it is): the person's named backup, then others in their team, then workers of the circle happy
  /// to cover, each at the time that fits their day, cheapest first within a tier. Each is checked again
  /// against every hard rule in plain words (`whyNot`), so an offer the engine finds is one the worker may
  /// accept. `without` never gets an offer.
  public func coverCandidates(
    _ week: WeekToPlan, plan: [VisitOnPlan], uncovered: [VisitOnPlan], without gone: ID<Account>
  ) -> [VisitOnPlan: [CoverCandidate]] {
    let (built, enginePlan, serviceOf, _) = placed(week, plan, forCover: true)
    let workerIndex = Dictionary(uniqueKeysWithValues: week.workers.enumerated().map { ($1.id, $0) })
    let services = uncovered.compactMap { serviceOf[$0] }
    let found = Repair.candidates(
      built.problem, plan: enginePlan, uncovered: services, excluding: Set([workerIndex[gone]].compactMap { $0 }))
    let rest = plan.filter { v in !uncovered.contains(v) }
    var result: [VisitOnPlan: [CoverCandidate]] = [:]
    for visit in uncovered {
      guard let s = serviceOf[visit], let candidates = found[s] else {
        result[visit] = []
        continue
      }
      let paired = plan.contains {
        $0.person == visit.person && $0.pattern == visit.pattern && $0.day == visit.day && $0.slot != visit.slot
      }
      result[visit] = candidates.compactMap { c -> CoverCandidate? in
        let worker = week.workers[c.carer].id
        // Half of a two-worker visit keeps the time the other worker comes at.
        let start = paired ? visit.start : Int(c.start.rounded(.up))
        guard whyNot(move: visit, to: worker, at: start, in: week, plan: rest, asCover: true).isEmpty else {
          return nil
        }
        return CoverCandidate(worker: worker, tier: CoverTier(rawValue: c.rank) ?? .circle, start: start)
      }
    }
    return result
  }
}
