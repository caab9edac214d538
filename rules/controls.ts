// The one mapping file between rules and compliance controls. Rule metadata (`meta.compliance`)
// names the controls a rule serves in the seed's words (ISO/IEC 27001:2022 ids, NIST CSF 1.1
// subcategories, GDPR articles, POPIA sections); this file defines those controls, their ids in the
// superseded editions (ISO/IEC 27001:2013 per ISO/IEC 27002:2022 Annex B, NIST CSF 1.1 per NIST's
// CSF 2.0 transition mapping), the links rule metadata does not carry, and what QA requirements serve.
// `ismslint report` reads nothing else; src/reports/controls.test.ts checks the correspondences.
import type { ControlCatalog, ControlDefinition } from '../src/engine/controls.js';

const iso = (id: string, title: string, previous: string[] = []): ControlDefinition => ({ framework: 'ISO/IEC 27001:2022', id, title, previous });
const csf = (id: string, title: string, previous: string[] = []): ControlDefinition => ({ framework: 'NIST CSF 2.0', id, title, previous });
const gdpr = (id: string, title: string): ControlDefinition => ({ framework: 'GDPR', id, title, previous: [] });
const popia = (id: string, title: string): ControlDefinition => ({ framework: 'POPIA', id, title, previous: [] });

export const controlCatalog: ControlCatalog = {
  controls: [
    iso('A.5.15', 'Access control', ['A.9.1.1', 'A.9.1.2']),
    iso('A.5.33', 'Protection of records', ['A.18.1.3']),
    iso('A.5.34', 'Privacy and protection of PII', ['A.18.1.4']),
    iso('A.5.36', 'Compliance with policies, rules and standards for information security', ['A.18.2.2', 'A.18.2.3']),
    iso('A.5.37', 'Documented operating procedures', ['A.12.1.1']),
    iso('A.8.2', 'Privileged access rights', ['A.9.2.3']),
    iso('A.8.3', 'Information access restriction', ['A.9.4.1']),
    iso('A.8.6', 'Capacity management', ['A.12.1.3']),
    iso('A.8.9', 'Configuration management'),
    iso('A.8.10', 'Information deletion'),
    iso('A.8.11', 'Data masking'),
    iso('A.8.15', 'Logging', ['A.12.4.1', 'A.12.4.2', 'A.12.4.3']),
    iso('A.8.17', 'Clock synchronization', ['A.12.4.4']),
    iso('A.8.25', 'Secure development life cycle', ['A.14.2.1']),
    iso('A.8.27', 'Secure system architecture and engineering principles', ['A.14.2.5']),
    iso('A.8.28', 'Secure coding'),
    iso('A.8.29', 'Security testing in development and acceptance', ['A.14.2.8', 'A.14.2.9']),
    iso('A.8.32', 'Change management', ['A.12.1.2', 'A.14.2.2', 'A.14.2.3', 'A.14.2.4']),
    gdpr('Art. 5', 'Principles relating to processing of personal data'),
    gdpr('Art. 17', 'Right to erasure'),
    gdpr('Art. 25', 'Data protection by design and by default'),
    gdpr('Art. 30', 'Records of processing activities'),
    gdpr('Art. 32', 'Security of processing'),
    popia('s14', 'Retention and restriction of records'),
    popia('s16', 'Quality of information'),
    popia('s17', 'Documentation'),
    popia('s19', 'Security measures on integrity and confidentiality of personal information'),
    popia('s20', 'Information processed by operator or person acting under authority'),
    popia('s21', 'Security measures regarding information processed by operator'),
    popia('s22', 'Notification of security compromises'),
    csf('ID.AM-03', 'Authorized network communication and data flows are represented', ['ID.AM-3']),
    csf('ID.AM-07', 'Inventories of data and corresponding metadata are maintained'),
    csf('ID.RA-06', 'Risk responses are chosen, prioritized, planned, tracked and communicated', ['ID.RA-6']),
    csf('PR.AA-05', 'Access permissions, entitlements and authorizations are defined, managed and enforced', ['PR.AC-4']),
    csf('PR.DS-01', 'The confidentiality, integrity and availability of data-at-rest are protected', ['PR.DS-1', 'PR.DS-5', 'PR.DS-6']),
    csf('PR.IR-04', 'Adequate resource capacity to ensure availability is maintained', ['PR.DS-4']),
    csf('PR.PS-01', 'Configuration management practices are established and applied', ['PR.IP-1', 'PR.IP-3']),
    csf('PR.PS-04', 'Log records are generated and made available for continuous monitoring', ['PR.PT-1']),
    csf('PR.PS-06', 'Secure software development practices are integrated', ['PR.IP-2']),
    csf('DE.AE-02', 'Potentially adverse events are analyzed', ['DE.AE-2', 'RS.AN-1']),
    csf('DE.AE-03', 'Information is correlated from multiple sources', ['DE.AE-3']),
    csf('DE.CM-09', 'Computing hardware and software, runtime environments and their data are monitored', ['DE.CM-4', 'DE.CM-5']),
  ],
  ruleControls: {
    'audit-columns-required': ['NIST CSF 2.0 DE.CM-09', 'GDPR Art. 5'],
    'audit-log-append-only': ['NIST CSF 2.0 DE.CM-09', 'ISO/IEC 27001:2022 A.5.33'],
    'rls-enabled': ['GDPR Art. 25', 'NIST CSF 2.0 PR.DS-01'],
    'rls-tenant-policy': ['GDPR Art. 25', 'POPIA s20', 'POPIA s21'],
    'tenant-key-required': ['GDPR Art. 25', 'POPIA s20', 'POPIA s21'],
    'no-cascade-delete': ['GDPR Art. 17', 'ISO/IEC 27001:2022 A.8.10'],
    'schema-drift': ['ISO/IEC 27001:2022 A.8.9', 'NIST CSF 2.0 PR.PS-01'],
    'name-snake-case': ['NIST CSF 2.0 ID.AM-07'],
    'no-cross-module-foreign-key': ['NIST CSF 2.0 ID.AM-07'],
  },
  qaControls: {
    schema: ['ISO/IEC 27001:2022 A.8.29', 'ISO/IEC 27001:2022 A.8.32', 'NIST CSF 2.0 PR.PS-06'],
    relationships: ['ISO/IEC 27001:2022 A.8.29', 'ISO/IEC 27001:2022 A.8.27', 'GDPR Art. 5'],
    completeness: ['ISO/IEC 27001:2022 A.8.6', 'NIST CSF 2.0 PR.IR-04'],
    required: ['ISO/IEC 27001:2022 A.8.15', 'NIST CSF 2.0 PR.PS-04', 'GDPR Art. 30'],
    rls: ['ISO/IEC 27001:2022 A.5.15', 'ISO/IEC 27001:2022 A.8.3', 'NIST CSF 2.0 PR.AA-05', 'GDPR Art. 32', 'POPIA s19'],
    'append-only': ['ISO/IEC 27001:2022 A.8.15', 'ISO/IEC 27001:2022 A.5.33', 'NIST CSF 2.0 PR.PS-04'],
    naming: ['ISO/IEC 27001:2022 A.8.28'],
    mutation: ['ISO/IEC 27001:2022 A.8.29'],
  },
};
