/// How many different carers each person sees, kept up to date as visits move between carers.
struct ContinuityCounter {
  let carers: Int
  var counts: [Int]
  var distinct: [Int]
  var total = 0

  init(_ problem: RotaProblem, routes: [[Int]]) {
    carers = problem.carers.count
    counts = [Int](repeating: 0, count: problem.personIDs.count * carers)
    distinct = [Int](repeating: 0, count: problem.personIDs.count)
    for (r, route) in routes.enumerated() {
      for s in route { add(problem.services[s].person, problem.shifts[r].carer, 1) }
    }
  }

  mutating func add(_ person: Int, _ carer: Int, _ delta: Int) {
    let i = person * carers + carer
    let before = counts[i]
    counts[i] += delta
    if before == 0 && counts[i] > 0 {
      distinct[person] += 1
      total += 1
    } else if before > 0 && counts[i] == 0 {
      distinct[person] -= 1
      total -= 1
    }
  }
}

extension ContinuityCounter {
  /// What giving one of the person's visits to this carer adds to the continuity term, as the plan stood
  /// before the move: the weight when the person has no visit with them yet. A ruin rebuilt without it
  /// scattered people's visits over new carers faster than the single moves could gather them again.
  func newFace(_ person: Int, _ carer: Int, weight: Double) -> Double {
    counts[person * carers + carer] == 0 ? weight : 0
  }
}

/// Continuity of care for a plan, the measures the literature uses.
public struct ContinuityReport: Sendable, CustomStringConvertible {
  /// Distinct carers per person over the horizon.
  public let distinctCarers: [Int]
  /// People seen by at most four carers: three regulars (two or more visits) and one other, who is the
  /// person's named backup where they have one (however often they came), else someone who came once.
  public let shareWithinThreePlusBackup: Double
  /// Bice–Boxerman continuity of care index, averaged over people with two or more visits (1 = one carer).
  public let meanCOC: Double
  /// Share of each person's visits made by their most frequent carer, averaged.
  public let usualCarerShare: Double
  /// Share of a person's consecutive visits made by the same carer, averaged.
  public let sequentialShare: Double
  public let travel: Double

  public init(_ problem: RotaProblem, _ plan: Plan) {
    var byPerson = [[(time: Double, carer: Int)]](repeating: [], count: problem.personIDs.count)
    for (r, route) in plan.routes.enumerated() {
      for s in route {
        let service = problem.services[s]
        byPerson[service.person].append((Double(service.day) * 10_000 + plan.starts[s], problem.shifts[r].carer))
      }
    }
    var distinct: [Int] = []
    var within = 0
    var coc: [Double] = []
    var upc: [Double] = []
    var secon: [Double] = []
    for (person, visits) in byPerson.enumerated() where !visits.isEmpty {
      var counts: [Int: Int] = [:]
      for v in visits { counts[v.carer, default: 0] += 1 }
      distinct.append(counts.count)
      let regulars = counts.values.filter { $0 >= 2 }.count
      // "3 regulars + 1 backup": at most 4 people, and the one who is not a regular is the backup — the
      // person's named backup however often they come, or else someone who came only once.
      let namedBackupCame = problem.backup[person].map { counts[$0] != nil } ?? false
      if counts.count <= 4 && (regulars <= 3 || namedBackupCame) { within += 1 }
      let n = Double(visits.count)
      upc.append(Double(counts.values.max()!) / n)
      if visits.count >= 2 {
        coc.append((Double(counts.values.map { $0 * $0 }.reduce(0, +)) - n) / (n * (n - 1)))
        let ordered = visits.sorted { $0.time < $1.time }
        let same = zip(ordered, ordered.dropFirst()).filter { $0.carer == $1.carer }.count
        secon.append(Double(same) / (n - 1))
      }
    }
    func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 1 : xs.reduce(0, +) / Double(xs.count) }
    distinctCarers = distinct.sorted()
    shareWithinThreePlusBackup = distinct.isEmpty ? 1 : Double(within) / Double(distinct.count)
    meanCOC = mean(coc)
    usualCarerShare = mean(upc)
    sequentialShare = mean(secon)
    travel = Evaluator.evaluate(problem, plan).cost.travel
  }

  public var median: Int { distinctCarers.isEmpty ? 0 : distinctCarers[distinctCarers.count / 2] }
  public var p90: Int {
    distinctCarers.isEmpty ? 0 : distinctCarers[min(distinctCarers.count - 1, distinctCarers.count * 9 / 10)]
  }

  public var description: String {
    String(
      format:
        "carers per person median %d, p90 %d, max %d; within 3+1 %.0f %%; COC %.2f; usual carer %.0f %%; same as last %.0f %%; travel %.1f",
      median, p90, distinctCarers.last ?? 0, shareWithinThreePlusBackup * 100, meanCOC, usualCarerShare * 100,
      sequentialShare * 100, travel)
  }
}
