import Testing
@testable import CareWeb
import VaporTesting
@Test func placeholder() {}
