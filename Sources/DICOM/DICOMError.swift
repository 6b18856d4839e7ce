/// An error raised while reading or writing DICOM data.
public struct DICOMError: Error, Sendable {}
