trigger CrmSyncUserTrigger on User(after update) {
    CrmSyncUserTriggerHandler.afterUpdate(Trigger.new, Trigger.oldMap);
}
