import BoardModel
import Foundation
import TestSupport
import Testing

@testable import BoardFormats

/// Cases written from the specifications (VCF 4.3 §1.4.5 symbolic alleles, §5.4 breakends; VEP, SnpEff,
/// bcftools csq and ANNOVAR annotation layouts; caller VAF conventions), before the real files.
@Suite("VCF by the specification")
struct VCFSpecTests {
    func findings(
        _ body: String, header extra: String = "", samples: [String] = ["S1"], options: VCFReader.Options = .init()
    ) throws -> (ImportPayload, [Finding]) {
        let columns =
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO"
            + (samples.isEmpty ? "" : "\tFORMAT\t" + samples.joined(separator: "\t"))
        let text = "##fileformat=VCFv4.3\n" + extra + columns + "\n" + body
        let payload = try VCFReader.read(data: Data(text.utf8), file: "t.vcf", options: options)
        return (payload, payload.findingSets.flatMap(\.findings))
    }

    static let sv = """
        ##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Type of structural variant">
        ##INFO=<ID=END,Number=1,Type=Integer,Description="End position">
        ##INFO=<ID=SVLEN,Number=A,Type=Integer,Description="Length">
        ##INFO=<ID=CN,Number=1,Type=Float,Description="Copy number">
        ##INFO=<ID=MATEID,Number=.,Type=String,Description="Mate">
        ##INFO=<ID=IMPRECISE,Number=0,Type=Flag,Description="Imprecise">

        """

    /// A tumour/normal pair: an allele the matched normal carries is germline and belongs to the normal specimen
    /// (its own report), while it stays in the tumour sample's case; the tumour-only allele stays the tumour's.
    /// A sample no case knows makes its own case (MAF's rule); a column named only TUMOR does not.
    @Test func germlineAllelesAreTheNormalSpecimens() throws {
        let (payload, _) = try findings(
            "1\t100\t.\tA\tC,G\t.\tPASS\t.\tGT\t1/0\t2/1\n",
            header: "##tumor_sample=P1_Somatic\n##normal_sample=P1_Germline\n",
            samples: ["P1_Germline", "P1_Somatic"])
        let sets = payload.findingSets
        #expect(sets.count == 2 && sets.allSatisfy { $0.sample == "P1_Somatic" && $0.createsCase })
        let germline = try #require(sets.first { $0.report.specimen?.id == "P1_Germline" })
        #expect(germline.findings.map(\.alt) == ["C"] && germline.findings.allSatisfy { $0.origin == .germline })
        #expect(germline.report.specimen?.type == "matched normal (germline)")
        let tumour = try #require(sets.first { $0.report.specimen?.id == "P1_Somatic" })
        #expect(tumour.findings.map(\.alt) == ["G"] && tumour.findings.allSatisfy { $0.origin != .germline })
        #expect(Set(sets.map(\.report.id)).count == 2)
        let (generic, _) = try findings("1\t100\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\n", samples: ["TUMOR"])
        #expect(generic.findingSets.allSatisfy { !$0.createsCase })
    }

    @Test func symbolicAllelesAreTypedAndADeletionIsNeverAGain() throws {
        let (_, f) = try findings(
            """
            1\t100\tdel1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=1100;SVLEN=-1000\n\
            1\t2000\tdup1\tN\t<DUP:TANDEM>\t.\tPASS\tSVTYPE=DUP;END=2500\n\
            1\t3000\tinv1\tN\t<INV>\t.\tPASS\tSVTYPE=INV;END=3400;IMPRECISE\n\
            1\t4000\tcnv0\tN\t<CN0>\t.\tPASS\tSVTYPE=CNV;END=4500\n\
            1\t5000\tcnv1\tN\t<CNV>\t.\tPASS\tSVTYPE=CNV;END=5500;CN=9\n\
            1\t6000\tcnv2\tN\t<CNV>\t.\tPASS\tSVTYPE=CNV;END=6500\n\
            1\t7000\tdel2\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=7500;CN=3\n\
            1\t8000\tins1\tN\t<INS>\t.\tPASS\tSVTYPE=INS;END=8000;SVLEN=300\n
            """, header: Self.sv, samples: [])
        #expect(
            f.map(\.svType) == [
                .deletion, .tandemDuplication, .inversion, .copyNumberVariation, .copyNumberVariation,
                .copyNumberVariation, .deletion, .insertion,
            ])
        #expect(
            f[0].svSize == 1000 && f[0].svLength == -1000 && f[0].end == 1100 && f[0].label == "deletion 1:100-1100")
        #expect(f[2].precise == false)
        // <CN0>: no copies left, a deep (homozygous) deletion; CN 9 an amplification; a CNV without CN is no call.
        #expect(f[3].kind == .copyNumber && f[3].copyNumber == 0 && f[3].copyNumberCall == .homozygousDeletion)
        #expect(f[4].copyNumberCall == .amplification && f[4].label == "amplification 1:5000-5500 (CN 9)")
        #expect(f[5].kind == .copyNumber && f[5].copyNumberCall == nil)
        // A <DEL> whose CN says otherwise is still a deletion, never a gain.
        #expect(f[6].svType == .deletion && f[6].copyNumberCall != .gain && f[6].copyNumberCall != .amplification)
        #expect(f[7].svLength == 300)
    }

    @Test func copyNumberRuleOnPloidy() {
        #expect(CopyNumberCall.classify(copyNumber: 0.2) == .homozygousDeletion)
        #expect(CopyNumberCall.classify(copyNumber: 1) == .heterozygousDeletion)
        #expect(CopyNumberCall.classify(copyNumber: 2) == nil)
        #expect(CopyNumberCall.classify(copyNumber: 3) == .gain)
        #expect(CopyNumberCall.classify(copyNumber: 6) == .amplification)
        #expect(CopyNumberCall.classify(copyNumber: 6, ploidy: 4) == .gain)
        #expect(CopyNumberCall.classify(copyNumber: 2, ploidy: 4) == .heterozygousDeletion)
        #expect(CopyNumberCall.classify(copyNumber: .nan) == nil)
    }

    /// Canvas and DRAGEN state the sample's ploidy as ##OverallPloidy: copy numbers are typed against it; a file
    /// that states none is typed against 2, and the account says so.
    @Test func copyNumbersTypedAgainstTheStatedPloidyElseDiploidSaid() throws {
        let body =
            "1\t5000\tc1\tN\t<CNV>\t.\tPASS\tSVTYPE=CNV;END=5500;CN=6\n1\t7000\tc2\tN\t<CNV>\t.\tPASS\tSVTYPE=CNV;END=7500;CN=2\n"
        let (tetraploid, t) = try findings(body, header: Self.sv + "##OverallPloidy=4.00\n", samples: [])
        #expect(t.map(\.copyNumberCall) == [.gain, .heterozygousDeletion])
        #expect(
            tetraploid.notes.contains {
                $0.contains("2 copy number(s) typed against the ploidy the header states (##OverallPloidy=4.0)")
            })
        let (diploid, d) = try findings(body, header: Self.sv, samples: [])
        #expect(d.map(\.copyNumberCall) == [.amplification, nil])
        #expect(diploid.notes.contains { $0.contains("typed assuming a diploid genome (the file states no ploidy)") })
    }

    /// Manta names its sample columns after the read groups of the inputs given as --tumorBam/--normalBam in
    /// ##cmdline: the column whose name is that file's own name (with or without extension) takes the role; when
    /// none does, the roles stay unknown and every column is read with an unknown origin.
    @Test func svCallerRolesFromTheRecordedCommandLine() throws {
        let cmdline =
            "##cmdline=/opt/manta/bin/configManta.py --normalBam=/data/PT7_blood.bam --tumorBam /data/PT7_lesion.bam --referenceFasta=/ref/hg38.fa\n"
        let body = "1\t100\tdel1\tN\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=1100\tGT\t0/1\t0/1\n"
        let (named, f) = try findings(
            body.replacingOccurrences(of: "GT\t0/1\t0/1", with: "GT\t0/0\t0/1"), header: Self.sv + cmdline,
            samples: ["PT7_blood", "PT7_lesion"])
        #expect(f.count == 1)
        #expect(named.findingSets.first?.sample == "PT7_lesion")
        #expect(f.first?.origin == .somatic)
        let (unnamed, g) = try findings(body, header: Self.sv + cmdline, samples: ["SAMPLE1", "SAMPLE2"])
        #expect(g.count == 2)
        #expect(g.allSatisfy { $0.origin == .unknown })
        #expect(Set(unnamed.findingSets.compactMap(\.sample)) == ["SAMPLE1", "SAMPLE2"])
    }

    /// VCF 4.3 §5.4: the four breakend forms, mates joined into one rearrangement by MATEID.
    @Test func breakendPairsBecomeOneRearrangementTypedByOrientation() throws {
        let (payload, f) = try findings(
            """
            2\t100\tdelA\tT\tT[2:201[\t.\tPASS\tSVTYPE=BND;MATEID=delB\n\
            2\t201\tdelB\tG\t]2:100]G\t.\tPASS\tSVTYPE=BND;MATEID=delA\n\
            2\t1000\tdupA\tA\t]2:1100]A\t.\tPASS\tSVTYPE=BND;MATEID=dupB\n\
            2\t1100\tdupB\tC\tC[2:1000[\t.\tPASS\tSVTYPE=BND;MATEID=dupA\n\
            2\t3000\tinvA\tA\tA]2:3500]\t.\tPASS\tSVTYPE=BND;MATEID=invB\n\
            2\t3500\tinvB\tC\tC]2:3000]\t.\tPASS\tSVTYPE=BND;MATEID=invA\n\
            2\t5000\ttraA\tA\tA[13:123456[\t.\tPASS\tSVTYPE=BND;MATEID=traB\n\
            2\t6000\tlone\tA\t[2:9000[A\t.\tPASS\tSVTYPE=BND;MATEID=absent\n\
            2\t7000\tsgl\tA\tAGGTT.\t.\tPASS\tSVTYPE=BND\n\
            13\t123456\ttraB\tC\t]2:5000]C\t.\tPASS\tSVTYPE=BND;MATEID=traA\n
            """, header: Self.sv, samples: [])
        let byId = Dictionary(f.map { ($0.sourceId ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(f.count == 6)  // 4 pairs joined, one breakend without its mate, one single breakend
        #expect(
            byId["delA"]?.svType == .deletion && byId["delA"]?.svSize == 100 && byId["delA"]?.partnerPosition == 201)
        #expect(byId["dupA"]?.svType == .duplication && byId["dupA"]?.svSize == 101)
        #expect(byId["invA"]?.svType == .inversion && byId["invA"]?.svSize == 500)
        #expect(
            byId["traA"]?.svType == .translocation && byId["traA"]?.partnerChrom == "13"
                && byId["traA"]?.mateId == "traB")
        #expect(byId["lone"]?.svType == .inversion)
        #expect(byId["sgl"]?.svType == .singleBreakend)
        #expect(byId["delB"] == nil && byId["traB"] == nil)
        #expect(payload.notes.contains { $0.contains("4 breakend pair(s) joined") })
        #expect(payload.notes.contains { $0.contains("1 breakend(s) whose mate record is not in the file") })
    }

    @Test func insertionByTheInsertedShareOfADeletionJunction() {
        let ins = VCFBreakend(alt: "A" + String(repeating: "C", count: 40) + "[1:150[", ref: "A")!
        #expect(ins.classify(chrom: "1", pos: 100, inferred: false).type == .insertion)
        let del = VCFBreakend(alt: "ACC[1:150[", ref: "A")!
        #expect(del.classify(chrom: "1", pos: 100, inferred: false).type == .deletion)
    }

    /// Fields are read by their declared names, in any order, under CSQ or ANN.
    @Test func annotationLayoutComesFromTheHeader() throws {
        let reordered =
            "##INFO=<ID=ANN,Number=.,Type=String,Description=\"Consequence annotations from Ensembl VEP. Format: HGVSp|Feature|SYMBOL|Allele|Consequence|HGVSc|CANONICAL\">\n"
        let (_, f) = try findings(
            "7\t140453136\t.\tA\tT\t.\tPASS\tANN=ENSP1.1:p.Val600Glu|ENST1|BRAF|T|missense_variant|ENST1.1:c.1799T>A|YES\n",
            header: reordered, samples: [])
        #expect(
            f.first?.gene == "BRAF" && f.first?.hgvsP == "p.Val600Glu" && f.first?.hgvsC == "c.1799T>A"
                && f.first?.transcript == "ENST1")
        let snpEff =
            "##INFO=<ID=ANN,Number=.,Type=String,Description=\"Functional annotations: 'Allele | Annotation | Annotation_Impact | Gene_Name | Gene_ID | Feature_Type | Feature_ID | Transcript_BioType | Rank | HGVS.c | HGVS.p | cDNA.pos / cDNA.length | CDS.pos / CDS.length | AA.pos / AA.length | Distance | ERRORS / WARNINGS / INFO' \">\n"
        let (_, g) = try findings(
            "12\t25398284\t.\tC\tA\t.\tPASS\tANN=A|missense_variant|MODERATE|KRAS|ENSG1|transcript|ENST2|protein_coding|2/6|c.35G>T|p.Gly12Val|||||\n",
            header: snpEff, samples: [])
        #expect(g.first?.gene == "KRAS" && g.first?.hgvsP == "p.Gly12Val" && g.first?.consequence == "missense_variant")
    }

    /// Gene symbols of any annotation go through HGNC: a previous symbol becomes the approved one, an ambiguous one
    /// is kept as written, and both are named in the file's account.
    @Test func annotatedGenesReadThroughHGNC() throws {
        let csq =
            "##INFO=<ID=CSQ,Number=.,Type=String,Description=\"Consequence annotations from Ensembl VEP. Format: Allele|Consequence|SYMBOL\">\n"
        let (payload, f) = try findings(
            "7\t100\t.\tA\tT\t.\tPASS\tCSQ=T|missense_variant|MLL3\n12\t200\t.\tC\tG\t.\tPASS\tCSQ=G|missense_variant|MLL2\n",
            header: csq, samples: [])
        #expect(f.map(\.gene) == ["KMT2C", "MLL2"])
        let genes = try #require(payload.accounts.first).geneSymbols
        #expect(genes["gene MLL3 read as KMT2C (previous HGNC symbol)"] == 1)
        #expect(genes["gene MLL2 kept as written: ambiguous, HGNC candidates KMT2B, KMT2D"] == 1)
    }

    @Test func bcftoolsCsqIsNotHGVSButADerivedProteinChange() throws {
        let bcsq =
            "##INFO=<ID=BCSQ,Number=.,Type=String,Description=\"Local consequence annotation from BCFtools/csq. Format: '[*]consequence|gene|transcript|biotype[|strand|amino_acid_change|dna_change]'\">\n"
        let (_, f) = try findings(
            "1\t20501582\t.\tG\tA\t.\tPASS\tBCSQ=stop_gained|PLA2G2C|ENST00000247992|protein_coding|-|36R>36*|20501582G>A\n",
            header: bcsq, samples: [])
        #expect(
            f.first?.gene == "PLA2G2C" && f.first?.hgvsP == "p.R36*"
                && f.first?.proteinDerivedFrom?.contains("36R>36*") == true)
        #expect(f.first?.hgvsC == nil)
    }

    @Test func snpEffEFFAndBcftoolsPointers() throws {
        let eff =
            "##INFO=<ID=EFF,Number=.,Type=String,Description=\"Predicted effects for this variant.Format: 'Effect ( Effect_Impact | Functional_Class | Codon_Change | Amino_Acid_Change| Amino_Acid_Length | Gene_Name | Transcript_BioType | Gene_Coding | Transcript_ID | Exon_Rank  | Genotype_Number [ | ERRORS | WARNINGS ] )' \">\n"
        let (_, f) = try findings(
            "12\t25398284\t.\tC\tA,T\t.\tPASS\tEFF=NON_SYNONYMOUS_CODING(MODERATE|MISSENSE|gGt/gTt|p.Gly12Val/c.35G>T|189|KRAS|protein_coding|CODING|ENST00000256078|2|1),NON_SYNONYMOUS_CODING(MODERATE|MISSENSE|gGt/gAt|G12D|189|KRAS|protein_coding|CODING|ENST00000256078|2|2)\n",
            header: eff, samples: [])
        #expect(
            f.map(\.hgvsP) == ["p.Gly12Val", "p.G12D"]
                && f.allSatisfy { $0.gene == "KRAS" && $0.transcript == "ENST00000256078" })
        #expect(f[0].hgvsC == "c.35G>T" && f[0].proteinDerivedFrom == nil && f[1].proteinDerivedFrom != nil)
        let bcsq =
            "##INFO=<ID=BCSQ,Number=.,Type=String,Description=\"Local consequence annotation from BCFtools/csq. Format: '[*]consequence|gene|transcript|biotype[|strand|amino_acid_change|dna_change]'\">\n"
        let (_, g) = try findings("1\t101\t.\tG\tA\t.\tPASS\tBCSQ=@100\n", header: bcsq, samples: [])
        #expect(g.first?.consequence == nil && g.first?.gene == nil)
    }

    @Test func annovarInfoFields() throws {
        let annovar = ["Gene.refGene", "Func.refGene", "ExonicFunc.refGene", "AAChange.refGene"]
            .map { "##INFO=<ID=\($0),Number=.,Type=String,Description=\"\($0) annotation provided by ANNOVAR\">\n" }
            .joined()
        let (_, f) = try findings(
            "7\t55259515\t.\tT\tG\t.\tPASS\tGene.refGene=EGFR;Func.refGene=exonic;ExonicFunc.refGene=nonsynonymous_SNV;AAChange.refGene=EGFR:NM_005228:exon21:c.T2573G:p.L858R\n",
            header: annovar, samples: [])
        #expect(
            f.first?.gene == "EGFR" && f.first?.hgvsP == "p.L858R" && f.first?.transcript == "NM_005228"
                && f.first?.consequence == "nonsynonymous_SNV")
    }

    @Test func vepPercentEscapesAndDerivedProteinChange() throws {
        let csq =
            "##INFO=<ID=CSQ,Number=.,Type=String,Description=\"Consequence annotations from Ensembl VEP. Format: Allele|Consequence|SYMBOL|Feature|HGVSc|HGVSp|Protein_position|Amino_acids\">\n"
        let (_, f) = try findings(
            """
            1\t69270\t.\tA\tG\t.\tPASS\tCSQ=G|synonymous_variant|OR4F5|ENST3|ENST3.1:c.180A>G|ENSP3.1:p.Ser60%3D|60|S\n\
            1\t16006134\t.\tG\tT\t.\tPASS\tCSQ=T|missense_variant|SRARP|ENST4|||100|G/W\n
            """, header: csq, samples: [])
        #expect(f[0].hgvsP == "p.Ser60=" && f[0].proteinDerivedFrom == nil)
        #expect(f[1].hgvsP == "p.G100W" && f[1].proteinDerivedFrom != nil)
    }

    static let format = """
        ##INFO=<ID=SOMATIC,Number=0,Type=Flag,Description="Somatic">
        ##INFO=<ID=AF,Number=A,Type=Float,Description="Allele Frequency">
        ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
        ##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
        ##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">
        ##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction of the event in the tumor">

        """

    @Test func vafByCallerConventionNeverFromINFOAFOrGenotype() throws {
        let (_, f) = try findings(
            """
            1\t100\t.\tC\tT\t.\tPASS\tAF=0.9\tGT:AD:DP\t1/1:4,5:10\n\
            1\t200\t.\tC\tT\t.\tPASS\tAF=0.9\tGT:AD:AF\t0/1:2,180:0.989\n
            """, header: Self.format)
        #expect(f[0].vaf.map { abs($0 - 5.0 / 9) < 1e-9 } == true && f[0].depth == 10 && f[0].vafSource == "FORMAT AD")
        #expect(f[1].vaf == 0.989 && f[1].depth == 182 && f[1].vafSource == "FORMAT AF")
        #expect(f.allSatisfy { $0.origin == .unknown })  // one sample, nothing says somatic or germline
    }

    @Test func tumourNormalRolesOriginAndTheNormalsCounts() throws {
        // The normal carries allele 1 (germline); allele 2 only in the tumour (somatic); columns in either order.
        for (first, second) in [("Patient_Germline", "Patient_Somatic"), ("Patient_Somatic", "Patient_Germline")] {
            let gts = first == "Patient_Germline" ? "0/1:10,10,0:20\t1/2:0,10,10:20" : "1/2:0,10,10:20\t0/1:10,10,0:20"
            let (payload, f) = try findings(
                "1\t69091\t.\tA\tC,G\t.\tPASS\t.\tGT:AD:DP\t\(gts)\n", header: Self.format, samples: [first, second])
            // Both reach the tumour sample's case; the germline allele under the normal specimen's own report.
            #expect(payload.findingSets.map(\.sample) == ["Patient_Somatic", "Patient_Somatic"])
            let byAlt = f.sorted { ($0.alt ?? "") < ($1.alt ?? "") }
            #expect(byAlt.map(\.origin) == [.germline, .somatic])
            #expect(byAlt[1].normalDepth == 20 && byAlt[1].normalAltCount == 0)
            let germline = payload.findingSets.first { $0.findings.contains { $0.alt == "C" } }
            #expect(germline?.report.specimen?.id == "Patient_Germline")
        }
    }

    @Test func severalSamplesWithoutRolesAreReadEachAndRefuseCaseWithoutSample() throws {
        let body = "1\t100\t.\tC\tT\t.\tPASS\t.\tGT:AD\t0/1:5,5\t0/0:10,0\t./.:0,0\n"
        let (payload, f) = try findings(body, header: Self.format, samples: ["HG002", "HG003", "HG004"])
        #expect(payload.findingSets.map(\.sample) == ["HG002", "HG003", "HG004"])
        #expect(f.count == 1 && payload.findingSets[0].findings.count == 1)
        #expect(throws: ImportError.self) {
            try findings(
                body, header: Self.format, samples: ["HG002", "HG003", "HG004"], options: .init(caseId: "C-1"))
        }
        let one = try findings(
            body, header: Self.format, samples: ["HG002", "HG003", "HG004"],
            options: .init(caseId: "C-1", sample: "HG002")
        ).0
        #expect(one.findingSets.map(\.sample) == ["HG002"])
        // Read alone (--sample), a sample of a jointly called file with a no-call (./.) at a site has no finding
        // there: the call is missing, not a variant.
        let noCall = try findings(
            body, header: Self.format, samples: ["HG002", "HG003", "HG004"], options: .init(sample: "HG004"))
        #expect(noCall.1.isEmpty)
        #expect(noCall.0.skipped.contains { $0.contains("without a genotype call") }, "\(noCall.0.skipped)")
    }

    @Test func aPedigreeMakesEveryFindingGermline() throws {
        let header = Self.format + "##PEDIGREE=<ID=HG002,Father=HG003,Mother=HG004>\n"
        let (_, f) = try findings(
            "1\t100\t.\tC\tT\t.\tPASS\t.\tGT:AD\t0/1:5,5\t0/1:10,3\t0/0:10,0\n", header: header,
            samples: ["HG002", "HG003", "HG004"])
        #expect(f.count == 2 && f.allSatisfy { $0.origin == .germline })
    }

    @Test func invalidAllelesAreSkippedWithTheReasonAndAFindingIsNamedByItsLocus() throws {
        let (payload, f) = try findings(
            """
            1\t1007\t.\tA\tC\t.\tPASS\t.\n\
            13\t28592642\t.\tC\tG/A\t.\tPASS\t.\n\
            1\t1009\t.\tA\t*\t.\tPASS\t.\n
            """, samples: [])
        #expect(f.map(\.label) == ["1:1007 A>C"])
        #expect(payload.skipped.contains { $0.contains("not bases, a symbolic allele or a breakend") })
        #expect(payload.skipped.contains { $0.contains("ALT allele . or *") })
    }

    @Test func unusedFieldsAreAccountedByName() throws {
        let stream = VCFReader.stream(
            data: Data(
                ("##fileformat=VCFv4.3\n" + Self.format + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
                    + "1\t100\t.\tC\tT\t.\tPASS\tAF=0.5;MQ=60\tGT:AD:PL\t0/1:5,5:0,10,100\n1\t200\t.\tC\tT\t.\tPASS\tMQ=50\tGT:AD:PL\t0/1:5,5:0,10,100\n")
                    .utf8), file: "t.vcf")
        let (_, outcome) = try stream.collect()
        let unused = Dictionary(outcome.unused.map { ($0.name, $0.count) }, uniquingKeysWith: +)
        #expect(
            unused["INFO/MQ"] == 2 && unused["INFO/AF"] == 1 && unused["FORMAT/PL"] == 2 && unused["FORMAT/AD"] == nil)
        #expect(outcome.read == 2 && outcome.made == 2)
    }

    @Test func streamedGzipAndBgzipWithMemoryBoundBlocks() throws {
        // Many members (as bgzip writes) and a file larger than one read block.
        var text = "##fileformat=VCFv4.3\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        for i in 1...40000 { text += "1\t\(i * 10)\t.\tA\tG\t.\tPASS\t.\n" }
        let path = try TempFile.write(Data(text.utf8), name: "big.vcf")
        let half = text.utf8.count / 2
        let first = try TempFile.write(Data(text.utf8.prefix(half)), name: "a")
        let second = try TempFile.write(Data(text.utf8.dropFirst(half)), name: "b")
        for p in [path, first, second] {
            let gzip = Process()
            gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            gzip.arguments = ["gzip", "-k", p]
            try gzip.run()
            gzip.waitUntilExit()
        }
        var members = try Data(contentsOf: URL(fileURLWithPath: first + ".gz"))
        members.append(try Data(contentsOf: URL(fileURLWithPath: second + ".gz")))
        let multi = try TempFile.write(members, name: "multi.vcf.gz")
        for file in [path + ".gz", multi] {
            let (batches, outcome) = try VCFReader.stream(path: file).collect()
            #expect(outcome.read == 40000 && batches.flatMap(\.findings).count == 40000)
        }
    }
}
