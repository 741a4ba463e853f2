import ArgumentParser
import Rota

/// The search's knobs, shared by solve and bench: unset ones keep the defaults for the kind of instance.
struct Tuning: ParsableArguments {
  @Option(help: "First temperature as a share of the first plan's cost.") var startTemperature: Double?
  @Option(help: "How many times colder the search ends than it starts.") var cooling: Double?
  @Option(help: "Anneals in the budget, each restarting from the best so far.") var cycles: Int?
  @Option(help: "Share of moves that ruin a cluster of visits and rebuild it.") var ruinShare: Double?
  @Option(help: "About how many visits one string ruin takes out (instances without pairs).") var ruinAverage: Double?

  @Option(help: "Share of single-visit moves steered by a nearby visit.") var nearShare: Double?

  func applied(to defaults: SearchOptions) -> SearchOptions {
    var options = defaults
    if let startTemperature { options.startTemperature = startTemperature }
    if let cooling { options.coolingRatio = cooling }
    if let cycles { options.cycles = cycles }
    if let ruinShare { options.ruinShare = ruinShare }
    if let ruinAverage { options.ruinAverage = ruinAverage }
    if let nearShare { options.nearShare = nearShare }
    return options
  }
}
