import DICOM

/// The transform records de-identification leaves on versions and lineage edges.
enum DeidentificationTransform {
    static let dicomName = "dicom-deidentification"
    static let sampleName = "sample-pseudonymization"

    /// The DICOM transform: profile, options and key id (never the key).
    static func dicom(options: DeidentificationOptions, keyId: String) -> ManifestTransform {
        ManifestTransform(
            name: dicomName,
            parameters: [
                "profile": "PS3.15 Annex E Basic Application Level Confidentiality Profile",
                "options": options.methodCodes.map(\.value).joined(separator: ","),
                "shift_dates": String(options.shiftDates),
                "retain_full_dates": String(options.retainFullDates),
                "retain_device_identity": String(options.retainDeviceIdentity),
                "retain_institution_identity": String(options.retainInstitutionIdentity),
                "retain_patient_characteristics": String(options.retainPatientCharacteristics),
                "retain_uids": String(options.retainUIDs),
                "clean_descriptors": String(options.cleanDescriptors),
                "safe_private_creators": options.safePrivateCreators.joined(separator: ","),
                "key_id": keyId,
            ])
    }

    /// Sample names replaced by keyed pseudonyms (in the catalog, and in the headers of derived copies).
    static func samples(keyId: String) -> ManifestTransform {
        ManifestTransform(
            name: sampleName,
            parameters: [
                "key_id": keyId, "vcf_header": "rewritten", "sam_bam_header": GenomicHeaderPolicy.samSummary,
                "fastq": GenomicHeaderPolicy.fastqSummary,
            ])
    }
}
