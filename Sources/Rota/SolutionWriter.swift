import Foundation

/// Writes plans in the JSON that iolab-uniud/hhcrsp's validator reads, so anyone can re-score them.
public enum SolutionWriter {
  public static func json(_ problem: RotaProblem, _ plan: Plan) throws -> Data {
    struct Visit: Encodable {
      let patient_id: String
      let service_id: String
      let arrival_time: Double
      let departure_time: Double
    }
    struct Route: Encodable {
      let caregiver_id: String
      let locations: [Visit]
    }
    struct File: Encodable { let routes: [Route] }
    let routes = plan.routes.enumerated().map { carer, route in
      Route(
        caregiver_id: problem.carerName(ofShift: carer),
        locations: route.map { s in
          let service = problem.services[s]
          return Visit(
            patient_id: problem.personIDs[service.person], service_id: problem.skillIDs[service.skill],
            arrival_time: plan.starts[s], departure_time: plan.starts[s] + service.duration)
        })
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(File(routes: routes))
  }
}
