export { ServiceControlPolicies, type ServiceControlPoliciesProps, type ServiceControlPolicyDocument } from './service-control-policies';
