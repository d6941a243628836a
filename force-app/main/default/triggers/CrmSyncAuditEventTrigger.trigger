trigger CrmSyncAuditEventTrigger on CRM_Sync_Audit_Event__e(after insert) {
    CrmSyncAuditEventHandler.store(Trigger.new);
}
