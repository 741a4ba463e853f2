/// Options for one run: a seed, a budget of iterations and/or seconds, and who to tell about progress.
public struct SearchOptions: Sendable {
  public var seed: UInt64
  public var seconds: Double
  /// When set, the run stops after exactly this many moves: the same seed then gives the same plan
  /// on any machine. Without it the time budget ends the run.
  public var iterations: Int?
  public var progress: (@Sendable (SearchProgress) -> Void)?
  /// Moves between two calls of `progress`.
  public var progressEvery = 20_000
  /// Asked every 256 moves: true ends the run early with the best plan found so far (a person pressed
  /// "stop"). The plan is still complete and legal, only less polished.
  public var shouldStop: (@Sendable () -> Bool)?
  /// The first temperature as a share of the greedy plan's cost, and how far it falls by the end.
  /// Unset: the search's own default (see `Annealer.defaults`).
  public var startTemperature: Double?
  public var coolingRatio = 2000.0
  /// Cost of each extra carer a person sees over the horizon (0: continuity not counted). In
  /// objective units: 30 means a new face must save 30 × 3 minutes of travel or lateness.
  public var continuityWeight = 0.0
  /// The budget is split into this many anneals; each after the first starts again from the best plan
  /// so far, a little cooler. One long anneal can settle in a poor valley; restarts make runs steadier.
  public var cycles = 4
  /// Share of moves that ruin a cluster of visits and put them back where they cost least (the rest
  /// are single-visit moves, far cheaper each). Unset: the default for the instance.
  public var ruinShare: Double?
  /// Where string removal applies (`Annealer.quickRecreateApplies`): about how many visits one ruin takes
  /// out, and the longest string from one route (SISR's c̄ and L_max).
  public var ruinAverage = 10.0
  /// Share of relocates, swaps and tail exchanges steered by one of the visit's nearest neighbours.
  /// Unset: the default for the instance.
  public var nearShare: Double?
  public var ruinLongest = 10

  public init(
    seed: UInt64 = 1, seconds: Double = 10, iterations: Int? = nil,
    progress: (@Sendable (SearchProgress) -> Void)? = nil
  ) {
    self.seed = seed
    self.seconds = seconds
    self.iterations = iterations
    self.progress = progress
  }
}

public struct SearchProgress: Sendable {
  public let iteration: Int
  public let seconds: Double
  public let best: Cost
  public let temperature: Double
}

public struct SearchResult: Sendable {
  public let plan: Plan
  public let cost: Cost
  public let iterations: Int
  public let seconds: Double
  /// Distinct (person, carer) pairs in the plan: the continuity term's count.
  public let distinctCarers: Int
}
