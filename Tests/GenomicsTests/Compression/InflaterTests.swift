import Testing
@testable import Genomics
