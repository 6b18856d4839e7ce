/// The attributes PS3.15 Annex E Table E.1-1 (Basic Application Level Confidentiality Profile) lists,
/// with their action and the option that can retain them.
///
/// Attributes are named by keyword and resolved through ``DataDictionary`` once, so the table reads like
/// the standard's and a typo fails the dictionary test rather than silently protecting nothing.
/// The table covers the patient, study, series, equipment, procedure-step and UID attributes of the
/// standard's table; attributes it does not list are kept (private attributes are handled separately).
public enum BasicProfile {
    /// Entries by tag.
    public static let entries: [AttributeTag: ProfileEntry] = {
        var table: [AttributeTag: ProfileEntry] = [:]
        for (keyword, action, retention) in rows {
            guard let tag = DataDictionary.tag(forKeyword: keyword) else { continue }
            table[tag] = ProfileEntry(tag: tag, keyword: keyword, action: action, retention: retention)
        }
        return table
    }()

    /// Keywords of the table that the dictionary does not know (empty unless the table has a typo).
    public static var unresolvedKeywords: [String] {
        rows.map(\.0).filter { DataDictionary.tag(forKeyword: $0) == nil }
    }

    /// The action for `tag`, if the profile lists it.
    public static func entry(for tag: AttributeTag) -> ProfileEntry? { entries[tag] }

    // MARK: - Table

    private static let rows: [(String, ProfileAction, ProfileRetention)] = [
        // Patient
        ("PatientName", .pseudonym, .none), ("PatientID", .pseudonym, .none),
        ("IssuerOfPatientID", .remove, .none), ("PatientBirthDate", .empty, .none),
        ("PatientBirthTime", .remove, .none), ("PatientSex", .empty, .none),
        ("OtherPatientIDs", .remove, .none), ("OtherPatientNames", .remove, .none),
        ("OtherPatientIDsSequence", .remove, .none), ("PatientBirthName", .remove, .none),
        ("PatientAge", .remove, .none), ("PatientSize", .remove, .none), ("PatientWeight", .remove, .none),
        ("PatientAddress", .remove, .none), ("PatientMotherBirthName", .remove, .none),
        ("MilitaryRank", .remove, .none), ("BranchOfService", .remove, .none),
        ("MedicalRecordLocator", .remove, .none), ("MedicalAlerts", .remove, .none), ("Allergies", .remove, .none),
        ("CountryOfResidence", .remove, .none), ("RegionOfResidence", .remove, .none),
        ("PatientTelephoneNumbers", .remove, .none), ("EthnicGroup", .remove, .none), ("Occupation", .remove, .none),
        ("SmokingStatus", .remove, .none), ("AdditionalPatientHistory", .remove, .descriptor),
        ("PregnancyStatus", .remove, .none), ("LastMenstrualDate", .remove, .temporal),
        ("PatientReligiousPreference", .remove, .none), ("PatientComments", .remove, .descriptor),
        ("ResponsiblePerson", .remove, .none), ("ResponsibleOrganization", .remove, .none),
        ("PatientInsurancePlanCodeSequence", .remove, .none), ("PatientPrimaryLanguageCodeSequence", .remove, .none),
        ("ReferencedPatientSequence", .remove, .none), ("PatientState", .remove, .none),
        ("PatientTransportArrangements", .remove, .none),
        // Study
        ("StudyDate", .empty, .temporal), ("StudyTime", .empty, .temporal), ("AccessionNumber", .empty, .none),
        ("StudyID", .empty, .none), ("StudyDescription", .remove, .descriptor),
        ("ReferringPhysicianName", .empty, .none), ("ReferringPhysicianAddress", .remove, .none),
        ("ReferringPhysicianTelephoneNumbers", .remove, .none),
        ("ReferringPhysicianIdentificationSequence", .remove, .none), ("PhysiciansOfRecord", .remove, .none),
        ("PhysiciansOfRecordIdentificationSequence", .remove, .none),
        ("NameOfPhysiciansReadingStudy", .remove, .none),
        ("PhysiciansReadingStudyIdentificationSequence", .remove, .none),
        ("RequestingPhysician", .remove, .none), ("RequestingService", .remove, .none),
        ("AdmittingDiagnosesDescription", .remove, .descriptor), ("AdmittingDiagnosesCodeSequence", .remove, .none),
        ("AdmissionID", .remove, .none), ("ReasonForStudy", .remove, .descriptor),
        ("RequestedProcedureDescription", .remove, .descriptor), ("RequestedProcedureID", .remove, .none),
        ("ReferencedStudySequence", .remove, .none), ("RequestAttributesSequence", .remove, .none),
        ("ProcedureCodeSequence", .remove, .none),
        // Series, acquisition, equipment
        ("SeriesDate", .remove, .temporal), ("SeriesTime", .remove, .temporal),
        ("AcquisitionDate", .remove, .temporal), ("AcquisitionTime", .remove, .temporal),
        ("AcquisitionDateTime", .remove, .temporal), ("ContentDate", .empty, .temporal),
        ("ContentTime", .empty, .temporal), ("InstanceCreationDate", .remove, .temporal),
        ("InstanceCreationTime", .remove, .temporal), ("SeriesDescription", .remove, .descriptor),
        ("ProtocolName", .remove, .descriptor), ("OperatorsName", .remove, .none),
        ("OperatorIdentificationSequence", .remove, .none), ("PerformingPhysicianName", .remove, .none),
        ("PerformingPhysicianIdentificationSequence", .remove, .none), ("InstitutionName", .remove, .none),
        ("InstitutionAddress", .remove, .none), ("InstitutionalDepartmentName", .remove, .none),
        ("InstitutionCodeSequence", .remove, .none), ("StationName", .remove, .device),
        ("DeviceSerialNumber", .remove, .device), ("DeviceUID", .remapUID, .device), ("DetectorID", .remove, .device),
        ("GantryID", .remove, .device), ("PlateID", .remove, .device), ("CassetteID", .remove, .device),
        ("ImageComments", .remove, .descriptor), ("DerivationDescription", .remove, .descriptor),
        ("FrameComments", .remove, .descriptor), ("AcquisitionComments", .remove, .descriptor),
        ("RequestedContrastAgent", .remove, .descriptor), ("TextComments", .remove, .descriptor),
        ("TextString", .remove, .descriptor),
        // Procedure steps
        ("PerformedProcedureStepID", .remove, .none), ("PerformedProcedureStepStartDate", .remove, .temporal),
        ("PerformedProcedureStepStartTime", .remove, .temporal), ("PerformedProcedureStepEndDate", .remove, .temporal),
        ("PerformedProcedureStepEndTime", .remove, .temporal),
        ("PerformedProcedureStepDescription", .remove, .descriptor),
        ("ScheduledProcedureStepDescription", .remove, .descriptor), ("ScheduledProcedureStepID", .remove, .none),
        ("ScheduledProcedureStepStartDate", .remove, .temporal),
        ("ScheduledProcedureStepStartTime", .remove, .temporal),
        ("ScheduledPerformingPhysicianName", .remove, .none),
        ("CommentsOnThePerformedProcedureStep", .remove, .descriptor),
        ("RadiopharmaceuticalStartDateTime", .remove, .temporal),
        ("RadiopharmaceuticalStartTime", .remove, .temporal),
        // People in structured content
        ("ContentCreatorName", .empty, .none), ("VerifyingObserverName", .remove, .none),
        ("PersonName", .remove, .none),
        // Integrity and history
        ("DigitalSignaturesSequence", .remove, .none), ("DataSetTrailingPadding", .remove, .none),
        ("OriginalAttributesSequence", .remove, .none), ("ModifiedAttributesSequence", .remove, .none),
        // UIDs
        ("StudyInstanceUID", .remapUID, .none), ("SeriesInstanceUID", .remapUID, .none),
        ("SOPInstanceUID", .remapUID, .none), ("FrameOfReferenceUID", .remapUID, .none),
        ("SynchronizationFrameOfReferenceUID", .remapUID, .none), ("ReferencedSOPInstanceUID", .remapUID, .none),
        ("ReferencedFrameOfReferenceUID", .remapUID, .none), ("RelatedFrameOfReferenceUID", .remapUID, .none),
        ("ConcatenationUID", .remapUID, .none), ("DimensionOrganizationUID", .remapUID, .none),
        ("IrradiationEventUID", .remapUID, .none), ("InstanceCreatorUID", .remapUID, .none),
        ("StorageMediaFileSetUID", .remapUID, .none), ("TransactionUID", .remapUID, .none),
        ("FiducialUID", .remapUID, .none), ("UID", .remapUID, .none), ("DoseReferenceUID", .remapUID, .none),
        ("SpecimenUID", .remapUID, .none),
    ]
}
