/**
 * The columns of the Athena table over the organization trail, in one place: the Glue table declares
 * them and every stored query is checked against them. Source: Athena User Guide, "Create the table
 * for CloudTrail logs in Athena using partition projection" (the DDL's columns, names lower case as
 * Athena keeps them). requestparameters, responseelements and additionaleventdata are JSON text,
 * read with json_extract_scalar.
 */

/** One column of a Glue table: its name and Hive type. */
export interface TableColumn {
  readonly name: string;
  readonly type: string;
}

/** Nested fields of the useridentity column that the queries may name (its other fields are in the type below). */
export const TRAIL_USER_IDENTITY_FIELDS: readonly string[] = ['accesskeyid', 'accountid', 'arn', 'invokedby', 'principalid', 'type', 'username'];

const SESSION_CONTEXT =
  'struct<attributes:struct<mfaauthenticated:string,creationdate:string>,sessionissuer:struct<type:string,principalid:string,arn:string,accountid:string,username:string>,' +
  'ec2roledelivery:string,webidfederationdata:struct<federatedprovider:string,attributes:map<string,string>>>';

const USER_IDENTITY = `struct<${TRAIL_USER_IDENTITY_FIELDS.map((f) => `${f}:string`).join(',')},onbehalfof:struct<userid:string,identitystorearn:string>,sessioncontext:${SESSION_CONTEXT}>`;

const text = (name: string): TableColumn => ({ name, type: 'string' });

export const TRAIL_TABLE_COLUMNS: readonly TableColumn[] = [
  text('eventversion'),
  { name: 'useridentity', type: USER_IDENTITY },
  ...[
    'eventtime',
    'eventsource',
    'eventname',
    'awsregion',
    'sourceipaddress',
    'useragent',
    'errorcode',
    'errormessage',
    'requestparameters',
    'responseelements',
    'additionaleventdata',
    'requestid',
    'eventid',
    'readonly',
  ].map(text),
  { name: 'resources', type: 'array<struct<arn:string,accountid:string,type:string>>' },
  ...['eventtype', 'apiversion', 'recipientaccountid', 'serviceeventdetails', 'sharedeventid', 'vpcendpointid', 'vpcendpointaccountid', 'eventcategory'].map(text),
  { name: 'addendum', type: 'struct<reason:string,updatedfields:string,originalrequestid:string,originaleventid:string>' },
  text('sessioncredentialfromconsole'),
  text('edgedevicedetails'),
  { name: 'tlsdetails', type: 'struct<tlsversion:string,ciphersuite:string,clientprovidedhostheader:string>' },
];

/**
 * Partition columns, projected rather than crawled: the account and region from the organization's
 * config (enums), and the delivery date (the yyyy/MM/dd of the S3 path). Their names differ from every
 * data column (awsregion, recipientaccountid), which Athena requires.
 */
export const TRAIL_PARTITION_COLUMNS: readonly TableColumn[] = [text('account'), text('region'), text('log_date')];
