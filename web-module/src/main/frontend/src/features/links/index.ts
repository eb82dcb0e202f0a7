/** What other areas use of the links area (the rooms area opens the dialog and embeds the list). */
export { ShareLinkDialog, type LinkTargetRef } from './ShareLinkDialog';
export { LinkList } from './LinkList';
