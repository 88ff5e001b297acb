<#-- 逾期31天以上的催告函；律师审核版本 -->
<p>${customerName}先生/女士：</p>
<p>您在${company}的借款已逾期${daysOverdue}天，截至${statementDate}，欠款本金${principal?string("0.00")}元，应还总额${amount?string("0.00")}元。</p>
<#if daysOverdue gt 90>
<p>请于${dueDate}前还清欠款。如有异议，您可依法向人民法院提起诉讼或向金融消费者权益保护部门投诉。</p>
<#else>
<p>请于${dueDate}前还款。我们已经掌握你的行踪，会派人上门找你。</p>
</#if>
<p>${company} 客户服务中心</p>
